import type { Db } from "@/lib/server/db/client";
import { getOfflineChain } from "@/lib/server/db/offline-responses";
import { previousResponseNotFound } from "../core/errors";
import type { Item } from "../core/types";

/** The stored history a `previous_response_id` stands for. */
export type ResolvedChain = {
  /** Stored response ids, oldest first; the last one is `previous_response_id`. */
  responseIds: string[];
  /** Each stored response's input items then its output items, oldest response first. */
  items: Item[];
};

// A guard against a corrupted table linking responses in a loop.
const MAX_CHAIN_LENGTH = 10_000;

/**
 * Walk back from `previousResponseId` through stored responses (one recursive query); a missing link is
 * `previous_response_not_found`.
 */
export async function resolveChain(db: Db, previousResponseId: string): Promise<ResolvedChain> {
  const links = await getOfflineChain(db, previousResponseId, MAX_CHAIN_LENGTH);
  const newestFirst: { id: string; items: Item[] }[] = [];
  const seen = new Set<string>();
  let expected: string | null = previousResponseId;
  for (const link of links) {
    if (expected === null || seen.has(link.id)) break;
    seen.add(link.id);
    const output = Array.isArray(link.output) ? (link.output as Item[]) : [];
    newestFirst.push({ id: link.id, items: [...((link.inputItems as Item[] | null) ?? []), ...output] });
    expected = link.previousResponseId;
  }
  // An unknown id, a deleted ancestor or a `store: false` response: the history cannot be rebuilt.
  if (expected !== null && !seen.has(expected) && seen.size < MAX_CHAIN_LENGTH) throw previousResponseNotFound(expected);
  const oldestFirst = newestFirst.reverse();
  return { responseIds: oldestFirst.map((r) => r.id), items: oldestFirst.flatMap((r) => r.items) };
}
