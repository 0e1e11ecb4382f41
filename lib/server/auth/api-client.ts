import "server-only";
import { createHash } from "node:crypto";
import { API_TOKEN_PREFIX } from "@/lib/contracts/api-tokens";
import { ArborError } from "@/lib/contracts/errors";
import { env } from "@/lib/env";
import { findApiTokenByHash, touchApiToken } from "@/lib/server/db/api-tokens";
import { getDb } from "@/lib/server/db/client";
import { findMembership } from "@/lib/server/db/workspaces";
import { LOCAL_PRINCIPAL, type Principal } from "./context";
import { authEnabled } from "./mode";
import { hashToken } from "./tokens";

/** Who is calling the recording proxy: whom they act for, and the digest of their bearer token (never the token). */
export type ApiClient = {
  /** A short digest of the bearer token, which groups a client's calls; "anonymous" when none was sent. */
  tokenDigest: string;
  /** The user and workspace the calls are recorded for (the local owner when sign-in is off). */
  principal: Principal;
};

/**
 * Authenticate a call to the recording proxy by its bearer token (or `api-key` header), never by a cookie: with
 * sign-in off any key works; with sign-in on it must be one of Arbor's API tokens (made by services/api-tokens.ts).
 */
export async function authenticateApiClient(request: Request): Promise<ApiClient> {
  const header = request.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? request.headers.get("api-key") ?? "";
  const principal = await principalOfToken(token);
  return { tokenDigest: token ? createHash("sha256").update(token).digest("hex").slice(0, 16) : "anonymous", principal };
}

/**
 * Who a program calling with this bearer token acts for. Sign-in off: the local owner, whatever the key (clients
 * must send one, so any placeholder does). Sign-in on: the token's user in its workspace, or a refusal.
 */
export async function principalOfToken(token: string): Promise<Principal> {
  if (!authEnabled(env())) return LOCAL_PRINCIPAL;
  if (!token.startsWith(API_TOKEN_PREFIX)) throw new ArborError("unauthorized", `Sign-in is on: send an Arbor API token as the key (it starts with "${API_TOKEN_PREFIX}"; make one in Arbor under "Record a client").`);
  const db = await getDb();
  const row = await findApiTokenByHash(db, hashToken(token));
  if (!row) throw new ArborError("unauthorized", "This Arbor API token is not known (it may have been revoked).");
  const membership = await findMembership(db, row.userId);
  if (!membership || membership.workspaceId !== row.workspaceId) throw new ArborError("unauthorized", "This token's user is no longer in its workspace.");
  if (membership.role === "viewer") throw new ArborError("forbidden", "Recording calls needs the member role in the workspace; this token's user is a viewer.");
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) void touchApiToken(db, row.id, new Date()).catch(() => undefined);
  return membership;
}
