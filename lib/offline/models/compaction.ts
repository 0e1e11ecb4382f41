import { z } from "zod";
import { isMessage, messageText } from "../core/context";
import { OfflineApiError } from "../core/errors";
import { newItemId } from "../core/ids";
import type { Item } from "../core/types";

/** What a compaction item stands for: a summary of the items it replaced, and how many there were. */
export type CompactionSummary = { summary: string; itemCount: number };

// "Encrypted" content is opaque to clients; this engine's is a versioned, base64url-encoded JSON summary, so the same
// conversation always compacts to the same content, and a later request can read it back.
const CONTENT_PREFIX = "arbor-offline-compaction.v1.";
const summaryPayload = z.object({ summary: z.string(), itemCount: z.int().min(0) });

/** The summary a compaction item made by this engine carries, or null when it is not one of ours (or is damaged). */
export function decodeCompaction(item: Item): CompactionSummary | null {
  const content = item.encrypted_content;
  if (item.type !== "compaction" || typeof content !== "string" || !content.startsWith(CONTENT_PREFIX)) return null;
  try {
    const json: unknown = JSON.parse(Buffer.from(content.slice(CONTENT_PREFIX.length), "base64url").toString("utf8"));
    const parsed = summaryPayload.safeParse(json);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

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

/** The `encrypted_content` of a compaction item standing for `summary`. */
function encodeCompaction(summary: CompactionSummary): string {
  return CONTENT_PREFIX + Buffer.from(JSON.stringify(summary), "utf8").toString("base64url");
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

const EXCERPT_CHARS = 200;

// One line per folded item, oldest first; an earlier compaction contributes its own summary and count.
function summarize(items: readonly Item[]): CompactionSummary {
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
  const header = `Summary of ${itemCount} earlier ${itemCount === 1 ? "item" : "items"} (user messages are kept as they were):`;
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
