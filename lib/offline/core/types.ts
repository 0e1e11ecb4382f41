// The vocabulary every part of the engine shares. Like everything in core/, it imports nothing else of lib/offline.
import type { JsonObject } from "@/lib/responses/json";

/** A stored input or output item: plain JSON with at least a `type` and an `id`. */
export type Item = JsonObject & { type: string; id: string };

/** A tool definition as the request sent it. */
export type Tool = JsonObject & { type: string };

/** `tool_choice` as the request sent it. */
export type ToolChoice = "none" | "auto" | "required" | (JsonObject & { type: string });

/** Everything a model sees for one request. */
export type ModelContext = {
  /** The whole context, oldest first: the stored chain's items, then this request's input items. */
  items: Item[];
  /** How many of `items` came from stored responses (via `previous_response_id`). */
  chainItemCount: number;
  /** Stored response ids of the chain, oldest first (empty without `previous_response_id`). */
  chainResponseIds: string[];
  instructions: string | null;
  /** The instructions the newest stored response of the chain was run with (absent without a chain). */
  chainInstructions?: string | null;
  tools: Tool[];
  /** `tool_choice`: "auto" when absent. */
  toolChoice?: ToolChoice;
  /** `max_tool_calls`: the most tool calls a response may make (no limit when absent). */
  maxToolCalls?: number | null;
  /** `parallel_tool_calls`: true when absent. */
  parallelToolCalls?: boolean;
  /** `include`: extra output fields asked for, such as `web_search_call.action.sources`. */
  include?: readonly string[];
  /** `reasoning`: effort and summary, or absent. */
  reasoning?: { effort?: string | null; summary?: string | null } | null;
  /** `text.format`: how the answer text must be shaped. */
  textFormat?: JsonObject & { type: string };
};
