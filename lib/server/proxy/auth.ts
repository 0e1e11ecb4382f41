import "server-only";
import { createHash } from "node:crypto";
import type { Principal } from "@/lib/server/auth/context";
import { principalOfToken } from "@/lib/server/services/api-tokens";

/** Who is calling the recording proxy: whom they act for, and the digest of their bearer token (never the token). */
export type ApiClient = {
  /** A short digest of the bearer token, which groups a client's calls; "anonymous" when none was sent. */
  tokenDigest: string;
  /** The user and workspace the calls are recorded for (the local owner when sign-in is off). */
  principal: Principal;
};

/**
 * Authenticate a call to the recording proxy by its bearer token (or `api-key` header), never by a cookie: with
 * sign-in off any key works; with sign-in on it must be one of Arbor's API tokens (services/api-tokens.ts).
 */
export async function authenticateApiClient(request: Request): Promise<ApiClient> {
  const header = request.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? request.headers.get("api-key") ?? "";
  const principal = await principalOfToken(token);
  return { tokenDigest: token ? createHash("sha256").update(token).digest("hex").slice(0, 16) : "anonymous", principal };
}
