import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { ArborError } from "@/lib/contracts/errors";
import { env } from "@/lib/env";

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The AES-256 key for stored secrets, derived from ARBOR_SECRET (HKDF, its own purpose label). */
function storageKey(): Buffer {
  const secret = env().ARBOR_SECRET;
  if (!secret) throw new ArborError("bad_request", "Set ARBOR_SECRET on the server to store provider keys (they are encrypted with it).");
  return Buffer.from(hkdfSync("sha256", secret, "arbor", "provider-keys", 32));
}

/** Encrypt a secret with AES-256-GCM: base64 of iv, tag and ciphertext. */
export function sealSecret(plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", storageKey(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

/** Decrypt what sealSecret wrote; fails (GCM's tag) if it was changed or ARBOR_SECRET is another. */
export function openSecret(sealed: string): string {
  const raw = Buffer.from(sealed, "base64");
  const decipher = createDecipheriv("aes-256-gcm", storageKey(), raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}
