import type { JsonObject } from "./json";
import type { Response, ResponseOutputItem, ResponseStreamEvent } from "./types";

export type StreamStatus = "queued" | "in_progress" | "completed" | "incomplete" | "failed" | "cancelled";

/** A stream event: the SDK's typed union, or any JSON object with a `type` (unknown event types are kept). */
export type StreamEventLike = ResponseStreamEvent | JsonObject;

/** What a stream has told so far, folded from its events. */
export type StreamState = {
  response: Response | null;
  /** The output items so far, kept verbatim: item types this app does not know are in here too. */
  output: ResponseOutputItem[];
  status: StreamStatus;
  error: { code: string; message: string } | null;
  /** sequence_number of the last event folded (-1 before any). */
  lastSeq: number;
  /** Number of events folded. */
  eventCount: number;
};

export const initialStreamState: StreamState = {
  response: null,
  output: [],
  status: "in_progress",
  error: null,
  lastSeq: -1,
  eventCount: 0,
};

const terminal: Record<string, StreamStatus> = {
  "response.completed": "completed",
  "response.incomplete": "incomplete",
  "response.failed": "failed",
};

/** Fold one stream event into the state; pure, so the server and the browser build the same picture. */
export function reduceStreamEvent<E extends StreamEventLike>(state: StreamState, event: E): StreamState {
  const e = event as unknown as JsonObject & { type: string };
  const seq = typeof e.sequence_number === "number" ? e.sequence_number : state.lastSeq + 1;
  const next: StreamState = { ...state, lastSeq: seq, eventCount: state.eventCount + 1 };

  switch (e.type) {
    case "response.created":
    case "response.queued":
    case "response.in_progress": {
      const response = e.response as Response;
      return { ...next, response, status: (response.status as StreamStatus | undefined) ?? "in_progress" };
    }
    case "response.completed":
    case "response.incomplete":
    case "response.failed": {
      const response = e.response as Response;
      // A failed response may list no output although some streamed before the failure: keep what arrived.
      const listed = Array.isArray(response.output) ? response.output : [];
      const output = listed.length > 0 || e.type !== "response.failed" ? listed : state.output;
      const failure = response.error ? { code: String(response.error.code), message: response.error.message } : null;
      return { ...next, response, output, status: terminal[e.type] ?? "completed", error: failure ?? state.error };
    }
    case "error":
      return {
        ...next,
        status: "failed",
        error: { code: String(e.code ?? "upstream_error"), message: String(e.message ?? "The stream reported an error") },
      };
    case "response.output_item.added":
    case "response.output_item.done":
      return { ...next, output: setAt(state.output, e.output_index, e.item as ResponseOutputItem) };
    case "response.content_part.added":
    case "response.content_part.done":
      return updateItem(next, e, (item) => ({
        ...item,
        content: setAt(arrayOf(item.content), e.content_index, e.part as JsonObject),
      }));
    case "response.output_text.delta":
    case "response.refusal.delta":
      return updatePart(next, e, "content", (part) => {
        const key = e.type === "response.refusal.delta" ? "refusal" : "text";
        return { ...part, [key]: String(part[key] ?? "") + String(e.delta ?? "") };
      });
    case "response.output_text.done":
      return updatePart(next, e, "content", (part) => ({ ...part, text: e.text }));
    case "response.refusal.done":
      return updatePart(next, e, "content", (part) => ({ ...part, refusal: e.refusal }));
    case "response.output_text.annotation.added":
      return updatePart(next, e, "content", (part) => ({
        ...part,
        annotations: setAt(arrayOf(part.annotations), e.annotation_index, e.annotation as JsonObject),
      }));
    case "response.function_call_arguments.delta":
    case "response.custom_tool_call_input.delta":
    case "response.mcp_call_arguments.delta": {
      const key = e.type === "response.custom_tool_call_input.delta" ? "input" : "arguments";
      return updateItem(next, e, (item) => ({ ...item, [key]: String(item[key] ?? "") + String(e.delta ?? "") }));
    }
    case "response.function_call_arguments.done":
    case "response.mcp_call_arguments.done":
      return updateItem(next, e, (item) => ({ ...item, arguments: e.arguments }));
    case "response.custom_tool_call_input.done":
      return updateItem(next, e, (item) => ({ ...item, input: e.input }));
    case "response.reasoning_summary_part.added":
    case "response.reasoning_summary_part.done":
      return updateItem(next, e, (item) => ({
        ...item,
        summary: setAt(arrayOf(item.summary), e.summary_index, e.part as JsonObject),
      }));
    case "response.reasoning_summary_text.delta":
      return updatePart(next, e, "summary", (part) => ({ ...part, text: String(part.text ?? "") + String(e.delta ?? "") }));
    case "response.reasoning_summary_text.done":
      return updatePart(next, e, "summary", (part) => ({ ...part, text: e.text }));
    case "response.reasoning_text.delta":
      return updatePart(next, e, "content", (part) => ({
        type: "reasoning_text",
        ...part,
        text: String(part.text ?? "") + String(e.delta ?? ""),
      }));
    case "response.reasoning_text.done":
      return updatePart(next, e, "content", (part) => ({ type: "reasoning_text", ...part, text: e.text }));
    case "response.code_interpreter_call_code.delta":
      return updateItem(next, e, (item) => ({ ...item, code: String(item.code ?? "") + String(e.delta ?? "") }));
    case "response.code_interpreter_call_code.done":
      return updateItem(next, e, (item) => ({ ...item, code: e.code }));
    default: {
      // Tool progress events (web_search_call.searching, file_search_call.completed, mcp_call.failed, ...)
      const progress = /^response\.[a-z_]+_call\.(in_progress|searching|interpreting|generating|completed|failed)$/.exec(e.type);
      if (progress && typeof e.output_index === "number") {
        return updateItem(next, e, (item) => ({ ...item, status: progress[1] }));
      }
      return next;
    }
  }
}

/**
 * Fold a list of events: the same state as folding them one by one, but a run of text or argument deltas to one
 * place is folded as one delta (a long answer is thousands of them, each a copy of the item it grows).
 */
export function reduceStreamEvents<E extends StreamEventLike>(events: readonly E[], from: StreamState = initialStreamState): StreamState {
  let state = from;
  for (let i = 0; i < events.length; ) {
    const first = events[i] as unknown as JsonObject & { type: string };
    let end = i + 1;
    if (APPENDED_DELTAS.has(first.type)) while (end < events.length && sameTarget(first, events[end] as unknown as JsonObject)) end++;
    if (end - i === 1) {
      state = reduceStreamEvent(state, first);
      i = end;
      continue;
    }
    let delta = "";
    let lastSeq = state.lastSeq;
    for (let k = i; k < end; k++) {
      const e = events[k] as unknown as JsonObject;
      delta += String(e.delta ?? "");
      lastSeq = typeof e.sequence_number === "number" ? e.sequence_number : lastSeq + 1;
    }
    const folded = reduceStreamEvent(state, { ...first, delta });
    state = { ...folded, lastSeq, eventCount: state.eventCount + (end - i) };
    i = end;
  }
  return state;
}

// Deltas whose whole effect is to append their text at one place (output item and, for text, content part).
const APPENDED_DELTAS = new Set(["response.output_text.delta", "response.function_call_arguments.delta"]);

// Only where one by one would append to the same place each time: a place given by indexes that are whole numbers
// from 0 (a missing or negative index appends a new part each time).
function sameTarget(a: JsonObject & { type: string }, b: JsonObject): boolean {
  const placed = isIndex(a.output_index) && (a.type !== "response.output_text.delta" || isIndex(a.content_index));
  return placed && b.type === a.type && b.output_index === a.output_index && b.content_index === a.content_index;
}

function isIndex(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function arrayOf(value: unknown): JsonObject[] {
  return Array.isArray(value) ? (value as JsonObject[]) : [];
}

function setAt<T>(list: readonly T[], index: unknown, value: T): T[] {
  const i = typeof index === "number" && index >= 0 ? index : list.length;
  const copy = list.slice();
  copy[i] = value;
  return copy;
}

function updateItem(state: StreamState, e: JsonObject, update: (item: JsonObject) => JsonObject): StreamState {
  const i = typeof e.output_index === "number" ? e.output_index : -1;
  const item = state.output[i] as unknown as JsonObject | undefined;
  if (!item) return state;
  return { ...state, output: setAt(state.output, i, update(item) as unknown as ResponseOutputItem) };
}

function updatePart(
  state: StreamState,
  e: JsonObject,
  field: "content" | "summary",
  update: (part: JsonObject) => JsonObject,
): StreamState {
  const index = field === "summary" ? e.summary_index : e.content_index;
  return updateItem(state, e, (item) => {
    const parts = arrayOf(item[field]);
    const i = typeof index === "number" ? index : parts.length - 1;
    return { ...item, [field]: setAt(parts, i, update(parts[i] ?? {})) };
  });
}
