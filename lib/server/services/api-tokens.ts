import "server-only";
import { nanoid } from "nanoid";
import { API_TOKEN_PREFIX, type ApiToken, type CreateApiTokenInput } from "@/lib/contracts/api-tokens";
import { ArborError } from "@/lib/contracts/errors";
import { currentPrincipal } from "@/lib/server/auth/context";
import { hashToken, newLinkToken } from "@/lib/server/auth/tokens";
import { deleteApiToken as deleteRow, insertApiToken, listApiTokens } from "@/lib/server/db/api-tokens";
import { getDb } from "@/lib/server/db/client";
import type { ApiTokenRow } from "@/lib/server/db/schema";

// Personal API tokens: what a program sends as its key to the recording proxy when sign-in is on. Only a digest of
// each token is stored; the token is shown once, when it is made. A token acts as its user, in the workspace it was
// made in, with the role the user has there now (a member demoted to viewer can no longer record with it).

const shown = (row: ApiTokenRow): ApiToken => ({ id: row.id, name: row.name, hint: row.hint, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null });

/** The caller's own tokens. */
export async function listTokens(): Promise<ApiToken[]> {
  const { userId, workspaceId } = currentPrincipal();
  return (await listApiTokens(await getDb(), userId, workspaceId)).map(shown);
}

/** A new token for the caller; the answer is the only time its secret is seen. */
export async function createToken(body: CreateApiTokenInput): Promise<ApiToken> {
  const { userId, workspaceId } = currentPrincipal();
  const token = `${API_TOKEN_PREFIX}${newLinkToken()}`;
  const row = await insertApiToken(await getDb(), { id: nanoid(12), userId, workspaceId, name: body.name, tokenHash: hashToken(token), hint: `${token.slice(0, 8)}…${token.slice(-4)}` });
  return { ...shown(row), token };
}

/** Revoke one of the caller's tokens at once. */
export async function deleteToken(id: string): Promise<void> {
  if (!(await deleteRow(await getDb(), id, currentPrincipal().userId))) throw new ArborError("not_found", `No token with id "${id.slice(0, 100)}"`);
}
