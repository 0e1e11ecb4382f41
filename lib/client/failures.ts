import type { NodeError, NodeEvent, NodeSummary } from "@/lib/contracts/nodes";

/** What a rate limit looks like, on a saved node (`NodeError`) or on a refused request (`ArborError`). */
export type RateLimit = Pick<NodeError, "retryAfterSeconds"> & { status?: number };

/** Whether a failure is a rate limit (HTTP 429). */
export function isRateLimit(error: RateLimit | null | undefined): boolean {
  return error?.status === 429;
}

/** "Offline engine is rate limiting; try again in 2 s." for a 429, or null for any other failure. */
export function rateLimitMessage(error: RateLimit | null | undefined, providerLabel: string): string | null {
  if (!error || !isRateLimit(error)) return null;
  const wait = error.retryAfterSeconds;
  return `${providerLabel} is rate limiting; try again ${wait === undefined ? "in a moment" : `in ${Math.max(1, Math.ceil(wait))} s`}.`;
}

/** A node that stopped before its end (failed, cancelled, or cut off by a server that stopped) with some answer kept. */
export function hasPartialAnswer(summary: Pick<NodeSummary, "status" | "outputPreview">): boolean {
  return (summary.status === "failed" || summary.status === "cancelled") && summary.outputPreview !== "";
}

/** Events that end a stream without an answer: the failure itself is not part of what arrived. */
const ENDING_EVENTS = new Set(["error", "response.failed", "response.cancelled", "response.incomplete"]);

/** How many events had arrived when the stream broke off (those before its error or terminal event). */
export function eventsBeforeEnd(events: readonly Pick<NodeEvent, "type">[]): number {
  const end = events.findIndex((event) => ENDING_EVENTS.has(event.type));
  return end === -1 ? events.length : end;
}

/** "Partial answer: the stream failed after 6 events." — what a kept partial answer says of how it ended. */
export function partialAnswerNote(summary: Pick<NodeSummary, "status" | "error">, events: number | undefined): string {
  const after = events === undefined ? "before the end" : `after ${events} ${events === 1 ? "event" : "events"}`;
  if (summary.status === "cancelled") return `Partial answer: stopped ${after}.`;
  if (summary.error?.code === "interrupted") return `Partial answer: the server stopped ${after}.`;
  return `Partial answer: the stream failed ${after}.`;
}
