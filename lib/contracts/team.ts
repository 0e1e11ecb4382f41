import { z } from "zod";
import type { NodeSummary } from "./nodes";
import type { Tree } from "./trees";

/** What a member may do in a workspace: owner (members, providers, budgets, delete anything), member, viewer (read). */
export const workspaceRoleSchema = z.enum(["owner", "member", "viewer"]);
export type WorkspaceRole = z.infer<typeof workspaceRoleSchema>;

/** Who is asking, as the browser may see it. */
export type Viewer = { userId: string; name: string; email: string | null; workspaceId: string; workspaceName: string; role: WorkspaceRole; authEnabled: boolean };

/** The body of `POST /api/invites`. */
export const createInviteSchema = z
  .object({
    role: workspaceRoleSchema.exclude(["owner"]).default("member"),
    /** How long the link stays valid, in hours (default a week). */
    expiresInHours: z.number().int().min(1).max(24 * 30).default(24 * 7),
  })
  .strict();
export type CreateInviteInput = z.output<typeof createInviteSchema>;

/** An invite as the owner sees it (the token only once, in its URL, when it is created). */
export type Invite = { id: string; role: WorkspaceRole; expiresAt: string; acceptedAt: string | null; url?: string };

/** The body of `POST /api/trees/:id/shares`. */
export const createShareSchema = z
  .object({
    nodeId: z.string().min(1).max(100).optional(),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type CreateShareInput = z.output<typeof createShareSchema>;
export type CreateShareBody = z.input<typeof createShareSchema>;

/** A read-only link. */
export type Share = { id: string; token: string; url: string; treeId: string; nodeId: string | null; expiresAt: string | null; createdAt: string };

/** A member of a workspace, as its owner sees them. */
export type Member = { userId: string; name: string; email: string; role: WorkspaceRole };

/** The body of `PATCH /api/members/:userId`. */
export const patchMemberSchema = z.object({ role: workspaceRoleSchema }).strict();

/** What a read-only link shows: the tree (or one branch of it), nothing else. */
export type SharedTree = { share: { nodeId: string | null; expiresAt: string | null }; tree: Tree; nodes: NodeSummary[] };
