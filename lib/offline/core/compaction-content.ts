import { z } from "zod";
import type { Item } from "./types";

// What this engine puts in a compaction item's `encrypted_content`. Clients treat it as opaque; the engine reads it
// back. It lives in core/ because counting a context's tokens and choosing what a model sees both read it.

/**
 * What a compaction item stands for: a summary of the items it folded and how many there were. One made by
 * `context_management` (server-side compaction) also carries, verbatim, the turn it was made in (`kept`), so it stands
 * for the whole context before it and a client may drop everything before it.
 */
export type CompactionSummary = { summary: string; itemCount: number; kept?: Item[] };

// A versioned, base64url-encoded JSON payload: the same context always compacts to the same content.
const CONTENT_PREFIX = "arbor-offline-compaction.v1.";
const keptItem = z.looseObject({ type: z.string(), id: z.string() });
const summaryPayload = z.object({ summary: z.string(), itemCount: z.int().min(0), kept: z.array(keptItem).optional() });

/** The summary a compaction item made by this engine carries, or null when it is not one of ours (or is damaged). */
export function decodeCompaction(item: Item): CompactionSummary | null {
  const content = item.encrypted_content;
  if (item.type !== "compaction" || typeof content !== "string" || !content.startsWith(CONTENT_PREFIX)) return null;
  try {
    const json: unknown = JSON.parse(Buffer.from(content.slice(CONTENT_PREFIX.length), "base64url").toString("utf8"));
    const parsed = summaryPayload.safeParse(json);
    return parsed.success ? (parsed.data as CompactionSummary) : null;
  } catch {
    return null;
  }
}

/** The `encrypted_content` of a compaction item standing for `summary`. */
export function encodeCompaction(summary: CompactionSummary): string {
  return CONTENT_PREFIX + Buffer.from(JSON.stringify(summary), "utf8").toString("base64url");
}

/**
 * The context as a model reads it: from the newest compaction item made by `context_management` on (that item, the
 * turn it kept, then what came after), as OpenAI's guide says such an item "carries the necessary context"; the whole
 * context when there is none. `at` is that item's index in `items` (null when there is none).
 */
export function contextAfterCompaction(items: readonly Item[]): { items: Item[]; at: number | null } {
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index]!;
    const kept = item.type === "compaction" ? decodeCompaction(item)?.kept : undefined;
    if (kept) return { items: [item, ...kept, ...items.slice(index + 1)], at: index };
  }
  return { items: [...items], at: null };
}
