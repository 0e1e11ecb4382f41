import "server-only";
import { nanoid } from "nanoid";
import { ArborError } from "@/lib/contracts/errors";
import type { CreateInviteInput, Invite, Member, Viewer, WorkspaceRole } from "@/lib/contracts/team";
import { env } from "@/lib/env";
import { getAuth, publicUrl } from "@/lib/server/auth/better-auth";
import { currentPrincipal } from "@/lib/server/auth/context";
import { authEnabled } from "@/lib/server/auth/mode";
import { oidcSettings } from "@/lib/server/auth/oidc";
import { hashToken, newLinkToken } from "@/lib/server/auth/tokens";
import { getDb } from "@/lib/server/db/client";
import type { InviteRow } from "@/lib/server/db/schema";
import { countAccounts, deleteInvite, findOpenInvite, insertInvite, listInvites as listInviteRows, listMembers as listMemberRows, removeMember, setMemberRole } from "@/lib/server/db/workspaces";

/** Better Auth's request handler, or null when sign-in is off. */
export async function authHandler(): Promise<((request: Request) => Promise<Response>) | null> {
  if (!authEnabled(env())) return null;
  const auth = await getAuth();
  return (request) => auth.handler(request);
}

/** The caller as the browser may see them. */
export function whoAmI(): Viewer {
  const p = currentPrincipal();
  return { ...p, authEnabled: authEnabled(env()) };
}

/** Whether the sign-in page should offer to create the first account (nobody has one yet). */
export async function needsFirstAccount(): Promise<boolean> {
  return (await countAccounts(await getDb())) === 0;
}

function toInvite(row: InviteRow, token?: string): Invite {
  return {
    id: row.id,
    role: row.role,
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    ...(token ? { url: `${publicUrl()}/sign-up?invite=${encodeURIComponent(token)}` } : {}),
  };
}

/** A new invite link to the caller's workspace; its token is shown once, in the answer's URL. */
export async function createInvite(body: CreateInviteInput): Promise<Invite> {
  const p = currentPrincipal();
  const token = newLinkToken();
  const row = await insertInvite(await getDb(), {
    id: nanoid(12),
    tokenHash: hashToken(token),
    workspaceId: p.workspaceId,
    role: body.role,
    createdBy: p.userId,
    expiresAt: new Date(Date.now() + body.expiresInHours * 3_600_000),
  });
  return toInvite(row, token);
}

export async function listInvites(): Promise<Invite[]> {
  return (await listInviteRows(await getDb(), currentPrincipal().workspaceId)).map((row) => toInvite(row));
}

export async function revokeInvite(id: string): Promise<void> {
  if (!(await deleteInvite(await getDb(), currentPrincipal().workspaceId, id))) throw new ArborError("not_found", `No invite with id "${id}"`);
}

export async function listMembers(): Promise<Member[]> {
  return (await listMemberRows(await getDb(), currentPrincipal().workspaceId)).map(({ userId, name, email, role }) => ({ userId, name, email, role }));
}

/** Change a member's role; an owner cannot demote themselves (the workspace would lose its owner). */
export async function changeMemberRole(userId: string, role: WorkspaceRole): Promise<void> {
  const p = currentPrincipal();
  if (userId === p.userId) throw new ArborError("bad_request", "You cannot change your own role.");
  if (!(await setMemberRole(await getDb(), p.workspaceId, userId, role))) throw new ArborError("not_found", `No member with id "${userId}"`);
}

export async function removeMemberFromWorkspace(userId: string): Promise<void> {
  const p = currentPrincipal();
  if (userId === p.userId) throw new ArborError("bad_request", "You cannot remove yourself.");
  if (!(await removeMember(await getDb(), p.workspaceId, userId))) throw new ArborError("not_found", `No member with id "${userId}"`);
}

/** What the sign-in and sign-up pages need to know. */
export async function signInPageState(): Promise<{ authEnabled: boolean; firstAccount: boolean; oidcName: string | null; inviteOpen: (token: string) => Promise<boolean> }> {
  const enabled = authEnabled(env());
  const db = await getDb();
  return {
    authEnabled: enabled,
    /** The issuer's name for "Sign in with …", when ARBOR_OIDC_* is set. */
    oidcName: oidcSettings(env())?.name ?? null,
    firstAccount: enabled && (await countAccounts(db)) === 0,
    inviteOpen: async (token) => (await findOpenInvite(db, hashToken(token))) !== null,
  };
}
