import MiniSearch from "minisearch";
import { getDb } from "@/lib/server/db/client";
import { listChunks } from "@/lib/server/db/offline-files";
import { baseIndexOptions, fuzzySearchOptions } from "../core/text-search";

/** One retrieved chunk: which file, how well it matched (0–1, best = 1), its text. */
export type SearchHit = { fileId: string; filename: string; score: number; text: string };

/** Full-text search (MiniSearch's BM25+) over the chunks of the given stores, best first. */
export async function searchStores(storeIds: readonly string[], query: string, limit = 10): Promise<SearchHit[]> {
  const chunks = await listChunks(await getDb(), storeIds);
  if (chunks.length === 0 || query.trim() === "") return [];
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ["text"], storeFields: [], ...baseIndexOptions, searchOptions: fuzzySearchOptions });
  index.addAll(chunks.map((chunk, i) => ({ id: i, text: chunk.text })));
  const found = index.search(query).slice(0, limit);
  const best = found[0]?.score ?? 1;
  return found.map((hit) => {
    const chunk = chunks[hit.id as number]!;
    return { fileId: chunk.fileId, filename: chunk.filename, score: Math.round((hit.score / best) * 10_000) / 10_000, text: chunk.text };
  });
}
