import type { NodeError } from "@/lib/contracts/nodes";

/** What a rate limit looks like, on a saved node (`NodeError`) or on a refused request (`ArborError`). */
type MaybeRateLimit = Pick<NodeError, "retryAfterSeconds"> & { status?: number };

/** "Offline engine is rate limiting; try again in 2 s." for a 429, or null for any other failure. */
export function rateLimitMessage(error: MaybeRateLimit | null | undefined, providerLabel: string): string | null {
  if (error?.status !== 429) return null;
  const wait = error.retryAfterSeconds;
  return `${providerLabel} is rate limiting; try again ${wait === undefined ? "in a moment" : `in ${Math.max(1, Math.ceil(wait))} s`}.`;
}
