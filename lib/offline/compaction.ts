import { z } from "zod";
import { OfflineApiError } from "./errors";
import type { Item } from "./request";

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
export function encodeCompaction(summary: CompactionSummary): string {
  return CONTENT_PREFIX + Buffer.from(JSON.stringify(summary), "utf8").toString("base64url");
}
