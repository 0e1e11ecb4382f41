import "server-only";
import { ArborError } from "@/lib/contracts/errors";
import { databaseUnavailable, isDatabaseUnavailable } from "@/lib/server/db/errors";
import { log } from "@/lib/server/log";

/** A JSON response (never cached). */
export function json<T = unknown>(data: T, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(data, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** A JSON response whose text is already made (never cached). */
export function jsonText(text: string, status = 200): Response {
  return new Response(text, { status, headers: { "content-type": "application/json", "cache-control": "no-store" } });
}

/**
 * The `{error: {code, message}}` response for any thrown value. A database that cannot be reached is a 503 that
 * says so; anything unexpected is logged (without the query's parameters) and answered without details.
 */
export function errorResponse(err: unknown, requestId?: string): Response {
  const known = err instanceof ArborError ? err : isDatabaseUnavailable(err) ? databaseUnavailable() : null;
  if (known) {
    const retry: Record<string, string> = known.retryAfterSeconds !== undefined ? { "retry-after": String(known.retryAfterSeconds) } : {};
    return json(known.toBody(), known.status, retry);
  }
  log.error({ err, requestId }, "unexpected error");
  return json({ error: { code: "internal_error", message: "Something went wrong on the server. It has been logged." } }, 500);
}
