import type { JsonObject } from "@/lib/responses/json";
import type { ResponseObject } from "@/lib/responses/schemas";
import { sseFrame } from "@/lib/server/http/sse";
import type { PlannedOutput, UnnumberedEvent } from "./items";

/** One stream event as sent: its `type`, its `sequence_number` and the fields the spec gives that type. */
export type StreamEvent = JsonObject & { type: string; sequence_number: number };

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
    errorEvent(error),
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

/**
 * The `error` event of a failing stream. OpenAI's `ResponseErrorEvent` carries the fields at the top level, Open
 * Responses' `ErrorStreamingEvent` inside `error`: it carries both, so it passes either spec.
 */
export function errorEvent(error: { code: string; message: string }): UnnumberedEvent {
  const type = error.code === "rate_limit_exceeded" ? "rate_limit_error" : "server_error";
  return { type: "error", code: error.code, message: error.message, param: null, error: { type, code: error.code, message: error.message, param: null } };
}

const terminalTypes = new Set(["response.completed", "response.incomplete", "response.failed"]);

/** True for the events that end a response's stream. */
export function isTerminalEvent(event: StreamEvent): boolean {
  return terminalTypes.has(event.type);
}

function numbered(events: readonly UnnumberedEvent[]): StreamEvent[] {
  return events.map((event, index) => ({ ...event, sequence_number: index }));
}

/** One SSE frame: `event:` equals the JSON `type`. */
export function encodeSseEvent(event: StreamEvent): string {
  return sseFrame(event.type, event);
}

/** The frame that ends a successful stream. */
export const SSE_DONE = "data: [DONE]\n\n";
