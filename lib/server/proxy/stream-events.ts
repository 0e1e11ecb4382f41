import "server-only";
import { APIError } from "openai";
import type { ResponseStreamEvent } from "@/lib/responses/types";

/** An upstream's error answer as the openai SDK would raise it, so a node keeps its status, code and retry delay. */
export function upstreamApiError(status: number, text: string, headers: Headers): APIError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  // The SDK reads the `error` of the body (OpenAI's shape); a body of another shape is kept whole as the error.
  const shaped = typeof body === "object" && body !== null && "error" in body ? body : { error: body };
  return APIError.generate(status, shaped, text ? undefined : `status ${status}`, headers);
}

/** A stream of events that fails at once with this error (a call the upstream refused). */
export async function* failedEvents(error: Error): AsyncGenerator<ResponseStreamEvent> {
  yield* [];
  throw error;
}
