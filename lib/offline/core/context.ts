import { objects } from "@/lib/responses/json";
import { decodeCompaction } from "./compaction-content";
import { estimateJsonTokens, estimateTokens } from "./tokens";
import type { Item, ModelContext } from "./types";

/** True for a message item with this role. */
export function isMessage(item: Item, role?: string): boolean {
  return item.type === "message" && (role === undefined || item.role === role);
}

/** The text of a message item: its text parts (input_text, output_text, refusal) joined by newlines. */
export function messageText(item: Item): string {
  if (typeof item.content === "string") return item.content;
  const texts: string[] = [];
  for (const part of objects(item.content)) {
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

// A compaction item of this engine is read as its summary (what it kept is in the context beside it), not its base64.
function itemTokens(item: Item): number {
  if (isMessage(item)) return estimateTokens(messageText(item));
  const compaction = item.type === "compaction" ? decodeCompaction(item) : null;
  return compaction ? estimateTokens(compaction.summary) : estimateJsonTokens(item);
}

/** Approximate input tokens of the whole context: instructions, message texts, other items by their JSON. */
export function contextTokenCount(context: ModelContext): number {
  let tokens = context.instructions ? estimateTokens(context.instructions) : 0;
  for (const item of context.items) tokens += itemTokens(item);
  if (context.tools.length > 0) tokens += estimateJsonTokens(context.tools);
  return tokens;
}

/**
 * Input tokens the engine already holds from the chain: the context is read as instructions then items, so the prefix
 * it processed for the previous response is reused only when the instructions are the same; then it is those
 * instructions and every stored item of the chain. Without a chain, or with new instructions, nothing is cached.
 */
export function cachedTokenCount(context: ModelContext): number {
  if (context.chainItemCount === 0 || (context.chainInstructions ?? null) !== context.instructions) return 0;
  let tokens = context.instructions ? estimateTokens(context.instructions) : 0;
  for (const item of context.items.slice(0, context.chainItemCount)) tokens += itemTokens(item);
  return tokens;
}
