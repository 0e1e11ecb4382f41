import type { ResponseObject } from "@/lib/responses/schemas";
import type { PlannedOutput, UnnumberedEvent } from "./items";

/** One stream event as sent: its `type`, its `sequence_number` and the fields the spec gives that type. */
export type StreamEvent = { type: string; sequence_number: number } & Record<string, unknown>;

/** What a finished generation streams: the Response at the start and at the end, and each output item's events. */
export type StreamPlan = {
  start: ResponseObject;
  final: ResponseObject;
  outputs: readonly PlannedOutput[];
};

/** The events of a successful stream, in OpenAI's order, numbered from 0. */
export function successEvents(plan: StreamPlan): StreamEvent[] {
  const { start, final, outputs } = plan;
  const terminal = final.status === "incomplete" ? "response.incomplete" : "response.completed";
  return numbered([
    { type: "response.created", response: start },
    { type: "response.in_progress", response: start },
    ...outputs.flatMap((output) => output.events),
    { type: terminal, response: final },
  ]);
}

/** The first `count` events of a stream, then an `error` event and `response.failed` carrying `failed`. */
export function failureEvents(events: readonly StreamEvent[], count: number, failed: ResponseObject): StreamEvent[] {
  const kept = events.slice(0, Math.min(count, events.length - 1));
  const error = failed.error ?? { code: "server_error", message: "The response failed." };
  return numbered([
    ...kept,
    { type: "error", code: error.code, message: error.message, param: null },
    { type: "response.failed", response: failed },
  ]);
}

/** A background run's events: created and queued carry the queued Response, then the stream goes on as usual. */
export function backgroundEvents(plan: StreamPlan, queued: ResponseObject): StreamEvent[] {
  return numbered([
    { type: "response.created", response: queued },
    { type: "response.queued", response: queued },
    ...successEvents(plan).slice(1),
  ]);
}

/** True for the events that end a response's stream. */
export function isTerminalEvent(event: StreamEvent): boolean {
  return terminalTypes.has(event.type);
}

function numbered(events: readonly UnnumberedEvent[]): StreamEvent[] {
  return events.map((event, index) => ({ ...event, sequence_number: index }));
}

/** One SSE frame: `event:` equals the JSON `type`. */
export function encodeSseEvent(event: StreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** The frame that ends a successful stream. */
export const SSE_DONE = "data: [DONE]\n\n";

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

const terminalTypes = new Set(["response.completed", "response.incomplete", "response.failed"]);
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
  return new Response(body, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" },
  });
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
        if (terminalTypes.has(event.type)) await settle();
        write(encodeSseEvent(event));
      }
      if (!cut && !stop.aborted) write(SSE_DONE);
    } finally {
      // The generation is finished server-side even when the client left early; the response stays retrievable.
      await settle();
    }
  });
}

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
