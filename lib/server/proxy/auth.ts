import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/lib/env";
import { authEnabled } from "@/lib/server/auth/mode";
import { ArborError } from "@/lib/contracts/errors";

/** Who is calling the recording proxy: the digest of their bearer token (never the token itself). */
export type ApiClient = {
  /** A short digest of the bearer token, which groups a client's calls; "anonymous" when none was sent. */
  tokenDigest: string;
};

/**
 * Authenticate a call to the recording proxy by its bearer token, never by a cookie. Sign-in is off, so any key
 * works (clients must send one, so any placeholder does); a deployment with sign-in checks the token here.
 */
export async function authenticateApiClient(request: Request): Promise<ApiClient> {
  if (authEnabled(env())) {
    throw new ArborError("unauthorized", "Sign-in is on: the recording proxy takes an Arbor API token as the key (Authorization: Bearer arb_…).");
  }
  const header = request.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? request.headers.get("api-key") ?? "";
  return { tokenDigest: token ? createHash("sha256").update(token).digest("hex").slice(0, 16) : "anonymous" };
}
