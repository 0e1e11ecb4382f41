import "server-only";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { APIError } from "openai";
import type { ResponseStreamEvent } from "@/lib/responses/types";

/**
 * The Responses events of an SSE body, parsed from the recording copy of the bytes a client is sent (`[DONE]` and
 * comments skipped). A frame that is not JSON is skipped too: the client got it as sent, there is nothing to keep.
 */
export async function* responseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ResponseStreamEvent> {
  const reader = body.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).pipeThrough(new EventSourceParserStream()).getReader();
  for (;;) {
    const { done, value: frame } = await reader.read();
    if (done) return;
    if (frame.data === "[DONE]") continue;
    let event: unknown;
    try {
      event = JSON.parse(frame.data);
    } catch {
      continue;
    }
    if (typeof event === "object" && event !== null && typeof (event as { type?: unknown }).type === "string") yield event as ResponseStreamEvent;
  }
}

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
