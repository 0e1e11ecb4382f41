import "server-only";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { APIError } from "openai";
import type { ResponseStreamEvent } from "@/lib/responses/types";
import { rememberJson } from "@/lib/server/raw-json";

/**
 * The events of a provider's SSE response, as the openai SDK's own stream yields them (JSON of each `data:`, ending
 * at `[DONE]`; a payload with an `error` field is thrown as an APIError; aborting ends quietly), read with
 * eventsource-parser: the SDK's line decoder re-scans and copies its buffer for every line, a tenth of the CPU of a
 * long stream. The call itself (auth, retries, HTTP errors) still goes through the SDK. The body is read and decoded
 * in one loop (no TransformStream per stage, whose promises per chunk were a fifth of a long stream), and each event
 * keeps the JSON text it came as (`jsonText`), which is what is forwarded and saved. The events come in the batches
 * they were read in (some 35 to a chunk on a long stream): a promise or two per batch, not per event, each of them
 * dearer with Next's async context (async hooks) on.
 */
export async function* providerEvents(response: Response, signal: AbortSignal): AsyncGenerator<ResponseStreamEvent[]> {
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const messages: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => messages.push(message) });
  let ended = false;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (err) {
        ended = true; // the body failed or was aborted: nothing is left to release
        throw err;
      }
      ended = chunk.done;
      parser.feed(chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true }));
      // Taken out before yielding: the consumer may stop (return) at any batch.
      const batch: ResponseStreamEvent[] = [];
      for (const message of messages.splice(0)) {
        if (message.data.startsWith("[DONE]")) {
          if (batch.length > 0) yield batch;
          return;
        }
        const data = JSON.parse(message.data) as ResponseStreamEvent & { error?: unknown };
        if (data && typeof data === "object" && "error" in data && data.error) {
          if (batch.length > 0) yield batch; // what came before the error is kept
          throw new APIError(undefined, data.error as object, undefined, response.headers);
        }
        rememberJson(data, message.data);
        batch.push(data);
      }
      if (batch.length > 0) yield batch;
      if (chunk.done) return;
    }
  } catch (err) {
    if (signal.aborted) return;
    throw err;
  } finally {
    // Stopped before the end ([DONE], an error, the caller leaving): the rest of the body is not read.
    if (!ended) await reader.cancel();
  }
}
