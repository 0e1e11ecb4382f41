import { z } from "zod";
import type { NodeSummary } from "./nodes";
import type { Tree } from "./trees";

/** What a member may do in a workspace: owner (members, providers, budgets, delete anything), member, viewer (read). */
export const workspaceRoleSchema = z.enum(["owner", "member", "viewer"]);
export type WorkspaceRole = z.infer<typeof workspaceRoleSchema>;

/** Who is asking, as the browser may see it. */
export type Viewer = { userId: string; name: string; email: string | null; workspaceId: string; workspaceName: string; role: WorkspaceRole; authEnabled: boolean };

/** Better Auth's id for the OIDC issuer (ARBOR_OIDC_*): the browser signs in with it, the issuer redirects to `/api/auth/callback/oidc`. */
export const OIDC_PROVIDER_ID = "oidc";

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

export const budgetPeriods = ["day", "month"] as const;

/** The body of `PUT /api/budgets`: a limit for the workspace ("*") or one user, per day or month (nulls remove it). */
export const putBudgetSchema = z
  .object({
    subject: z.string().min(1).max(80),
    period: z.enum(budgetPeriods),
    maxCostUsd: z.number().min(0).max(1_000_000).nullable(),
    maxTokens: z.number().int().min(0).max(1_000_000_000_000).nullable(),
  })
  .strict();
export type PutBudgetInput = z.output<typeof putBudgetSchema>;

/** A budget and what has been spent against it in the current period. */
export type Budget = PutBudgetInput & { spent: { costUsd: number; tokens: number }; resetsAt: string };

/** One row of the usage page: a day, a user, a model, a tree. */
export type UsageRow = { day: string; userId: string | null; userName: string | null; model: string; treeId: string; treeTitle: string; nodes: number; tokens: number; costUsd: number };

/** A provider the workspace has its own key for (the key itself never leaves the server). */
export type ProviderKeyInfo = { providerId: string; updatedAt: string };

/** The body of `PUT /api/provider-keys/:providerId`. */
export const putProviderKeySchema = z.object({ apiKey: z.string().trim().min(8).max(500) }).strict();
