import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A new unguessable token for a link (invite, share): 32 random bytes, URL-safe. */
export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What is stored of a token that must not be usable from a copy of the database. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
