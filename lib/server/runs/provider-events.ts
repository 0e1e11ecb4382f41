import "server-only";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { APIError } from "openai";
import type { ResponseStreamEvent } from "@/lib/responses/types";

/**
 * The events of a provider's SSE response, as the openai SDK's own stream yields them (JSON of each `data:`, ending
 * at `[DONE]`; a payload with an `error` field is thrown as an APIError; aborting ends quietly), read with
 * eventsource-parser: the SDK's line decoder re-scans and copies its buffer for every line, a tenth of the CPU of a
 * long stream. The call itself (auth, retries, HTTP errors) still goes through the SDK.
 */
export async function* providerEvents(response: Response, signal: AbortSignal): AsyncGenerator<ResponseStreamEvent> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  let ended = false;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<{ data: string }>;
      try {
        chunk = await reader.read();
      } catch (err) {
        ended = true; // the body failed or was aborted: nothing is left to release
        throw err;
      }
      const { done, value } = chunk;
      ended = done;
      if (done || value.data.startsWith("[DONE]")) return;
      const data = JSON.parse(value.data) as ResponseStreamEvent & { error?: unknown };
      if (data && typeof data === "object" && "error" in data && data.error) {
        throw new APIError(undefined, data.error as object, undefined, response.headers);
      }
      yield data;
    }
  } catch (err) {
    if (signal.aborted) return;
    throw err;
  } finally {
    // Stopped before the end ([DONE], an error, the caller leaving): the rest of the body is not read.
    if (!ended) await reader.cancel();
  }
}
