import { isMessage, lastUserMessage, messageText, replayedItemCount } from "../core/context";
import type { ModelContext } from "../core/types";
import { decodeCompaction } from "../core/compaction-content";

/** `offline-echo`: a markdown description of the context it received, so forks and context modes are visible. */
export function echoAnswer(context: ModelContext): string {
  const users = context.items.filter((item) => isMessage(item, "user")).length;
  const assistants = context.items.filter((item) => isMessage(item, "assistant")).length;
  const others = context.items.filter((item) => !isMessage(item)).length;
  const last = lastUserMessage(context.items);

  const lines = [
    "**offline-echo** is a deterministic echo, not a language model. This is the context it received:",
    "",
    `- Turns: ${users + assistants} (${users} user, ${assistants} assistant)`,
    `- History: ${describeHistory(context)}`,
    `- Chain: ${context.chainResponseIds.length > 0 ? context.chainResponseIds.join(" → ") : "none"}`,
    `- Items in context: ${context.items.length}${others > 0 ? ` (${others} not messages: ${otherTypes(context)})` : ""}`,
    `- Last user message: ${last ? quote(messageText(last)) : "none"}`,
    `- Instructions: ${context.instructions ? quote(context.instructions) : "none"}`,
    `- Tools: ${describeTools(context)}`,
    ...describeCompactions(context),
  ];
  return lines.join("\n");
}

function describeHistory(context: ModelContext): string {
  const replayed = replayedItemCount(context);
  const replayedText = `replayed in input (${replayed} ${replayed === 1 ? "item" : "items"})`;
  const ids = context.chainResponseIds;
  const previous = ids.at(-1);
  if (previous) {
    const chain = `previous_response_id ${previous} (${ids.length} stored ${ids.length === 1 ? "response" : "responses"})`;
    return replayed > 0 ? `${chain}, plus ${replayedText}` : chain;
  }
  return replayed > 0 ? replayedText : "none";
}

// Only when the context holds compaction items, so ordinary answers keep their shape.
function describeCompactions(context: ModelContext): string[] {
  const summaries = context.items.flatMap((item) => decodeCompaction(item) ?? []);
  if (summaries.length === 0) return [];
  const folded = summaries.reduce((n, s) => n + s.itemCount, 0);
  return [`- Compacted: ${summaries.length} compaction ${summaries.length === 1 ? "item" : "items"} standing for ${folded} earlier items`];
}

function describeTools(context: ModelContext): string {
  if (context.tools.length === 0) return "none";
  return context.tools
    .map((tool) => (typeof tool.name === "string" ? `${tool.name} (${tool.type})` : tool.type))
    .join(", ");
}

function otherTypes(context: ModelContext): string {
  const counts = new Map<string, number>();
  for (const item of context.items) if (!isMessage(item)) counts.set(item.type, (counts.get(item.type) ?? 0) + 1);
  return [...counts].map(([type, n]) => `${n} ${type}`).join(", ");
}

// Verbatim between straight quotes, so a test or a reader can find the exact text.
function quote(text: string): string {
  return `"${text}"`;
}
