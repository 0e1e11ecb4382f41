import type { Db } from "@/lib/server/db/client";
import { getOfflineResponse } from "@/lib/server/db/offline-responses";
import { previousResponseNotFound } from "../core/errors";
import type { Item } from "../core/types";

/** The stored history a `previous_response_id` stands for. */
export type ResolvedChain = {
  /** Stored response ids, oldest first; the last one is `previous_response_id`. */
  responseIds: string[];
  /** Each stored response's input items then its output items, oldest response first. */
  items: Item[];
  /** The instructions the newest stored response was run with. */
  instructions: string | null;
};

// A guard against a corrupted table linking responses in a loop.
const MAX_CHAIN_LENGTH = 10_000;

/** Walk back from `previousResponseId` through stored responses; a missing link is `previous_response_not_found`. */
export async function resolveChain(db: Db, previousResponseId: string): Promise<ResolvedChain> {
  const newestFirst: { id: string; items: Item[] }[] = [];
  let instructions: string | null = null;
  const seen = new Set<string>();
  let cursor: string | null = previousResponseId;
  while (cursor !== null) {
    if (seen.has(cursor) || seen.size >= MAX_CHAIN_LENGTH) break;
    seen.add(cursor);
    const row = await getOfflineResponse(db, cursor);
    // An unknown id, a deleted ancestor or a `store: false` response: the history cannot be rebuilt.
    if (!row) throw previousResponseNotFound(cursor);
    const output = Array.isArray(row.response.output) ? (row.response.output as Item[]) : [];
    if (newestFirst.length === 0 && typeof row.response.instructions === "string") instructions = row.response.instructions;
    newestFirst.push({ id: row.id, items: [...(row.inputItems as Item[]), ...output] });
    cursor = row.previousResponseId;
  }
  const oldestFirst = newestFirst.reverse();
  return { responseIds: oldestFirst.map((r) => r.id), items: oldestFirst.flatMap((r) => r.items), instructions };
}
