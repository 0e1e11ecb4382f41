import type { Item } from "./request";
import { estimateJsonTokens, estimateTokens } from "./tokens";

/** Everything a model sees for one request. */
export type ModelContext = {
  /** The whole context, oldest first: the stored chain's items, then this request's input items. */
  items: Item[];
  /** How many of `items` came from stored responses (via `previous_response_id`). */
  chainItemCount: number;
  /** Stored response ids of the chain, oldest first (empty without `previous_response_id`). */
  chainResponseIds: string[];
  instructions: string | null;
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
  textFormat?: { type: string } & Record<string, unknown>;
};

/** A tool definition as the request sent it. */
export type Tool = { type: string } & Record<string, unknown>;
/** `tool_choice` as the request sent it. */
export type ToolChoice = "none" | "auto" | "required" | ({ type: string } & Record<string, unknown>);

/** True for a message item with this role. */
export function isMessage(item: Item, role?: string): boolean {
  return item.type === "message" && (role === undefined || item.role === role);
}

/** The text of a message item: its text parts (input_text, output_text, refusal) joined by newlines. */
export function messageText(item: Item): string {
  const content = item.content;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  const texts: string[] = [];
  for (const part of content as Record<string, unknown>[]) {
    if (typeof part.text === "string") texts.push(part.text);
    else if (typeof part.refusal === "string") texts.push(part.refusal);
  }
  return texts.join("\n");
}

/** The last user message of the context, or undefined. */
export function lastUserMessage(items: readonly Item[]): Item | undefined {
  return items.findLast((item) => isMessage(item, "user"));
}

/** The items of this request's input before its current turn (its last user message, else its last item). */
export function replayedItemCount(context: ModelContext): number {
  const input = context.items.slice(context.chainItemCount);
  const last = input.findLastIndex((item) => isMessage(item, "user"));
  return last === -1 ? Math.max(0, input.length - 1) : last;
}

/** Assistant message texts of the context, oldest first. */
export function assistantTexts(items: readonly Item[]): string[] {
  return items.filter((item) => isMessage(item, "assistant")).map(messageText);
}

/** Approximate input tokens of the whole context: instructions, message texts, other items by their JSON. */
export function contextTokenCount(context: ModelContext): number {
  let tokens = context.instructions ? estimateTokens(context.instructions) : 0;
  for (const item of context.items) tokens += isMessage(item) ? estimateTokens(messageText(item)) : estimateJsonTokens(item);
  if (context.tools.length > 0) tokens += estimateJsonTokens(context.tools);
  return tokens;
}
