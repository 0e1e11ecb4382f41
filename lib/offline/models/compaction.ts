import { decodeCompaction, encodeCompaction, type CompactionSummary } from "../core/compaction-content";
import { cachedTokenCount, contextTokenCount, isMessage, messageText } from "../core/context";
import { OfflineApiError } from "../core/errors";
import { newItemId } from "../core/ids";
import { estimateTokens } from "../core/tokens";
import type { Item, ModelContext } from "../core/types";

/** 400 `invalid_encrypted_content` for a compaction item in `input` that this engine cannot read. */
export function validateCompactionItems(inputItems: readonly Item[]): void {
  for (const [index, item] of inputItems.entries()) {
    if (item.type === "compaction" && decodeCompaction(item) === null) {
      throw new OfflineApiError(400, `The compaction item at input[${index}] could not be decrypted or is not from this engine.`, {
        param: `input[${index}].encrypted_content`,
        code: "invalid_encrypted_content",
      });
    }
  }
}

/**
 * A conversation compacted: every user message kept verbatim, then one `compaction` item that stands for everything
 * else (assistant messages, tool calls and their outputs, reasoning, earlier compactions).
 */
export function compactItems(items: readonly Item[]): { output: Item[]; summary: CompactionSummary } {
  const kept = items.filter((item) => isMessage(item, "user"));
  const summary = summarize(items.filter((item) => !isMessage(item, "user")));
  const compaction: Item = { id: newItemId("compaction"), type: "compaction", encrypted_content: encodeCompaction(summary) };
  return { output: [...kept, compaction], summary };
}

/**
 * Server-side compaction (`context_management`): one `compaction` item standing for the whole context, the current
 * turn (from its last user message on) carried in it verbatim so the answer still answers it, the rest summarized.
 */
export function compactContext(items: readonly Item[]): { item: Item; summary: CompactionSummary } {
  const lastUser = items.findLastIndex((item) => isMessage(item, "user"));
  const turnStart = lastUser === -1 ? items.length : lastUser;
  const summary: CompactionSummary = { ...summarize(items.slice(0, turnStart), "the current turn is kept as it was"), kept: items.slice(turnStart) };
  return { item: { id: newItemId("compaction"), type: "compaction", encrypted_content: encodeCompaction(summary) }, summary };
}

const EXCERPT_CHARS = 200;

// One line per folded item, oldest first; an earlier compaction contributes its own summary and count.
function summarize(items: readonly Item[], note = "user messages are kept as they were"): CompactionSummary {
  let itemCount = 0;
  const lines: string[] = [];
  for (const item of items) {
    const earlier = decodeCompaction(item);
    if (earlier) {
      itemCount += earlier.itemCount;
      lines.push(...earlier.summary.split("\n").slice(1));
      continue;
    }
    itemCount += 1;
    lines.push(`- ${describeItem(item)}`);
  }
  const header = `Summary of ${itemCount} earlier ${itemCount === 1 ? "item" : "items"} (${note}):`;
  return { summary: [header, ...lines].join("\n"), itemCount };
}

function describeItem(item: Item): string {
  if (item.type === "message") return `${String(item.role)}: ${excerpt(messageText(item))}`;
  if (item.type === "function_call") return `called ${String(item.name)}(${String(item.arguments)})`;
  if (item.type === "function_call_output") {
    return `function output: ${excerpt(typeof item.output === "string" ? item.output : JSON.stringify(item.output))}`;
  }
  return item.type;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat);
}

/** A `context_management` list as a create request sends it. */
export type ContextManagement = readonly { type: "compaction"; compact_threshold?: number | null }[] | null | undefined;

/** What server-side compaction did to a turn: the item it made, the context the model then read, and its cost. */
export type TurnCompaction = { item: Item; context: ModelContext; contextTokens: number; cachedTokens: number; summaryTokens: number };

/**
 * Server-side compaction for one create request: when `context_management` asks for compaction and the context the
 * model would read passes `compact_threshold` tokens, the context is folded into one compaction item and the model
 * reads that (with the current turn) instead. Null when not asked for (or no threshold is given) or under it.
 */
export function compactionForTurn(management: ContextManagement, context: ModelContext): TurnCompaction | null {
  const threshold = management?.find((entry) => entry.type === "compaction")?.compact_threshold;
  if (threshold === undefined || threshold === null) return null;
  const contextTokens = contextTokenCount(context);
  if (contextTokens <= threshold) return null;
  const { item, summary } = compactContext(context.items);
  // The compacted context is new to the engine: nothing of it is a prefix it already holds.
  const compacted: ModelContext = { ...context, items: [item, ...(summary.kept ?? [])], chainItemCount: 0 };
  return { item, context: compacted, contextTokens, cachedTokens: cachedTokenCount(context), summaryTokens: estimateTokens(summary.summary) };
}
