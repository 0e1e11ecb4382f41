import type { JsonObject } from "@/lib/responses/json";
import { newCallId, newContainerId, newItemId } from "../core/ids";
import { splitIntoStreamTokens } from "../core/tokens";
import type { FileSearchResult, TurnStep } from "../core/turn";
import type { Item } from "../core/types";
import { outputMessage } from "./response";

/** A stream event before it gets its `sequence_number`. */
export type UnnumberedEvent = JsonObject & { type: string };
/** One output item and the events that stream it, in OpenAI's order. */
export type PlannedOutput = { item: Item; events: UnnumberedEvent[] };

/** The final item of a step at `outputIndex`, with its stream events (`status` applies to messages). */
export function planOutput(step: TurnStep, outputIndex: number, status: "completed" | "incomplete" = "completed"): PlannedOutput {
  switch (step.type) {
    case "message":
      return planMessage(step.text, step.annotations, outputIndex, status);
    case "reasoning":
      return planReasoning(step.summary, step.encryptedContent, outputIndex);
    case "web_search":
      return planWebSearch(step.query, step.sources, outputIndex);
    case "file_search":
      return planFileSearch(step.queries, step.results, outputIndex);
    case "function_call":
      return planFunctionCall(step.name, step.arguments, outputIndex);
    case "code_interpreter":
      return planCodeInterpreter(step.code, step.logs, outputIndex);
  }
}

function planMessage(
  text: string,
  annotations: readonly object[],
  outputIndex: number,
  status: "completed" | "incomplete",
): PlannedOutput {
  const base = outputMessage(newItemId("message"), text, status);
  const part = { type: "output_text", text, annotations: [...annotations], logprobs: [] };
  const item = { ...base, content: [part] };
  const at = { item_id: item.id, output_index: outputIndex, content_index: 0 };
  return {
    item,
    events: [
      { type: "response.output_item.added", output_index: outputIndex, item: outputMessage(item.id, "", "in_progress") },
      { type: "response.content_part.added", ...at, part: { ...part, text: "", annotations: [] } },
      ...splitIntoStreamTokens(text).map((delta) => ({ type: "response.output_text.delta", ...at, delta, logprobs: [] })),
      // OpenAI sends each annotation once the text it spans has streamed, before the text is done.
      ...annotations.map((annotation, annotation_index) => ({
        type: "response.output_text.annotation.added",
        ...at,
        annotation_index,
        annotation,
      })),
      { type: "response.output_text.done", ...at, text, logprobs: [] },
      { type: "response.content_part.done", ...at, part },
      { type: "response.output_item.done", output_index: outputIndex, item },
    ],
  };
}

function planReasoning(summary: string | null, encryptedContent: string | null, outputIndex: number): PlannedOutput {
  const id = newItemId("reasoning");
  const encrypted = encryptedContent === null ? {} : { encrypted_content: encryptedContent };
  const item = { id, type: "reasoning", summary: summary === null ? [] : [{ type: "summary_text", text: summary }], ...encrypted };
  const at = { item_id: id, output_index: outputIndex, summary_index: 0 };
  const summaryEvents: UnnumberedEvent[] =
    summary === null
      ? []
      : [
          { type: "response.reasoning_summary_part.added", ...at, part: { type: "summary_text", text: "" } },
          ...splitIntoStreamTokens(summary).map((delta) => ({ type: "response.reasoning_summary_text.delta", ...at, delta })),
          { type: "response.reasoning_summary_text.done", ...at, text: summary },
          { type: "response.reasoning_summary_part.done", ...at, part: { type: "summary_text", text: summary } },
        ];
  return {
    item,
    events: [
      { type: "response.output_item.added", output_index: outputIndex, item: { id, type: "reasoning", summary: [], ...encrypted } },
      ...summaryEvents,
      { type: "response.output_item.done", output_index: outputIndex, item },
    ],
  };
}

function planWebSearch(query: string, sources: string[] | null, outputIndex: number): PlannedOutput {
  const id = newItemId("web_search_call");
  const action = { type: "search", query, ...(sources ? { sources: sources.map((url) => ({ type: "url", url })) } : {}) };
  const item = { id, type: "web_search_call", status: "completed", action };
  const started = { id, type: "web_search_call", status: "in_progress", action: { type: "search" } };
  const at = { item_id: id, output_index: outputIndex };
  return {
    item,
    events: [
      { type: "response.output_item.added", output_index: outputIndex, item: started },
      { type: "response.web_search_call.in_progress", ...at },
      { type: "response.web_search_call.searching", ...at },
      { type: "response.web_search_call.completed", ...at },
      { type: "response.output_item.done", output_index: outputIndex, item },
    ],
  };
}

function planFileSearch(queries: string[], results: FileSearchResult[] | null, outputIndex: number): PlannedOutput {
  const id = newItemId("file_search_call");
  const item = { id, type: "file_search_call", status: "completed", queries, results };
  const at = { item_id: id, output_index: outputIndex };
  return {
    item,
    events: [
      { type: "response.output_item.added", output_index: outputIndex, item: { ...item, status: "in_progress", results: null } },
      { type: "response.file_search_call.in_progress", ...at },
      { type: "response.file_search_call.searching", ...at },
      { type: "response.file_search_call.completed", ...at },
      { type: "response.output_item.done", output_index: outputIndex, item },
    ],
  };
}

function planFunctionCall(name: string, args: string, outputIndex: number): PlannedOutput {
  const id = newItemId("function_call");
  const callId = newCallId();
  const item = { id, type: "function_call", status: "completed", arguments: args, call_id: callId, name };
  const at = { item_id: id, output_index: outputIndex };
  return {
    item,
    events: [
      { type: "response.output_item.added", output_index: outputIndex, item: { ...item, status: "in_progress", arguments: "" } },
      ...jsonPieces(args).map((delta) => ({ type: "response.function_call_arguments.delta", ...at, delta })),
      { type: "response.function_call_arguments.done", ...at, name, arguments: args },
      { type: "response.output_item.done", output_index: outputIndex, item },
    ],
  };
}

function planCodeInterpreter(code: string, logs: string | null, outputIndex: number): PlannedOutput {
  const id = newItemId("code_interpreter_call");
  const containerId = newContainerId();
  const outputs = logs === null ? null : [{ type: "logs", logs }];
  const item = { id, type: "code_interpreter_call", status: "completed", code, container_id: containerId, outputs };
  const started = { ...item, status: "in_progress", code: "", outputs: null };
  const at = { item_id: id, output_index: outputIndex };
  return {
    item,
    events: [
      { type: "response.output_item.added", output_index: outputIndex, item: started },
      { type: "response.code_interpreter_call.in_progress", ...at },
      ...splitIntoStreamTokens(code).map((delta) => ({ type: "response.code_interpreter_call_code.delta", ...at, delta })),
      { type: "response.code_interpreter_call_code.done", ...at, code },
      { type: "response.code_interpreter_call.interpreting", ...at },
      { type: "response.code_interpreter_call.completed", ...at },
      { type: "response.output_item.done", output_index: outputIndex, item },
    ],
  };
}

/**
 * A `compaction` item made by server-side compaction: added with no content yet, one `response.compaction.compacting`
 * while its summary is made (the event carries none of it, as OpenAI's does not), done with its encrypted content.
 */
export function planCompaction(item: Item, outputIndex: number): PlannedOutput {
  return {
    item,
    events: [
      { type: "response.output_item.added", output_index: outputIndex, item: { ...item, encrypted_content: "" } },
      { type: "response.compaction.compacting", item_id: item.id, output_index: outputIndex },
      { type: "response.output_item.done", output_index: outputIndex, item },
    ],
  };
}

// Arguments stream in small pieces, as a model emits JSON tokens (whitespace is kept so the pieces join exactly).
function jsonPieces(json: string): string[] {
  return json.match(/"(?:[^"\\]|\\.)*"?|[^"]{1,8}/g) ?? [];
}
