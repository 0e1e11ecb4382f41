import { sseHeaders } from "@/lib/server/http/sse";
import { encodeSseEvent, isTerminalEvent, SSE_DONE, type StreamEvent } from "./events";

/** How `sseResponse` delivers: pace, slow first token, an injected cut, the client's signal, the final save. */
export type SseDelivery = {
  tokensPerSecond: number;
  ttftMs: number;
  /** Stop after this many events and close the stream, as a dropped connection would. */
  cutAfterEvents: number | null;
  signal: AbortSignal;
  /** Runs once before the terminal event is written, or when the stream stops early (saves the final response). */
  settle: () => Promise<void>;
};

// Generated pieces are paced like tokens; the first one also waits for the slow-first-token delay.
const pacedTypes = new Set([
  "response.output_text.delta",
  "response.reasoning_summary_text.delta",
  "response.function_call_arguments.delta",
  "response.code_interpreter_call_code.delta",
]);

/** How long to wait before each event: generated pieces at the token pace, the first one after the slow-first-token delay. */
export function eventPacer(pace: { tokensPerSecond: number; ttftMs: number }): (event: StreamEvent) => number {
  const tokenGapMs = pace.tokensPerSecond > 0 ? 1000 / pace.tokensPerSecond : 0;
  let sentDelta = false;
  return (event) => {
    if (!pacedTypes.has(event.type)) return 0;
    const wait = (sentDelta ? 0 : pace.ttftMs) + tokenGapMs;
    sentDelta = true;
    return wait;
  };
}

/**
 * An SSE response whose body `produce` writes. `stop` aborts as soon as the client goes away (the request's signal,
 * or the runtime cancelling the body), so producers stop writing; `produce` then returns and the body closes.
 */
export function sseStreamResponse(signal: AbortSignal, produce: (write: (text: string) => void, stop: AbortSignal) => Promise<void>): Response {
  const encoder = new TextEncoder();
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener("abort", onAbort, { once: true });
  if (signal.aborted) stop.abort();
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        await produce((text) => controller.enqueue(encoder.encode(text)), stop.signal);
      } finally {
        signal.removeEventListener("abort", onAbort);
        if (!cancelled) controller.close();
      }
    },
    cancel() {
      cancelled = true;
      stop.abort();
    },
  });
  return new Response(body, { headers: sseHeaders });
}

/** Stream events as SSE, pacing text deltas; stops writing as soon as the client goes away. */
export function sseResponse(events: readonly StreamEvent[], delivery: SseDelivery): Response {
  let settled = false;
  const settle = async () => {
    if (settled) return;
    settled = true;
    try {
      await delivery.settle();
    } catch (err) {
      console.error("[offline] could not save the streamed response", err);
    }
  };
  return sseStreamResponse(delivery.signal, async (write, stop) => {
    const delay = eventPacer(delivery);
    let cut = false;
    try {
      for (const [index, event] of events.entries()) {
        if (delivery.cutAfterEvents !== null && index >= delivery.cutAfterEvents) {
          cut = true;
          break;
        }
        await sleep(delay(event), stop);
        if (stop.aborted) break;
        if (isTerminalEvent(event)) await settle();
        write(encodeSseEvent(event));
        // Unpaced, the loop would write the whole stream before anything else runs; a client in this same process
        // (Arbor's node route) would then see its first event only at the end. Yield now and then to let it read.
        if (index % YIELD_EVERY_EVENTS === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (!cut && !stop.aborted) write(SSE_DONE);
    } finally {
      // The generation is finished server-side even when the client left early; the response stays retrievable.
      await settle();
    }
  });
}

/** How many unpaced events are written between two turns of the event loop (the first one goes out alone). */
const YIELD_EVERY_EVENTS = 32;

/** Wait `ms`, or less if the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
