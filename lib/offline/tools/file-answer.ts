import { list, num } from "@/lib/responses/json";
import { queryTerms } from "../core/text-search";
import type { FileCitation, FileSearchResult } from "../core/turn";
import type { ModelContext } from "../core/types";
import { searchStores } from "../files/search";
import { bestSentences } from "./web-search/answer";

/** The vector stores and result limit of the request's `file_search` tool, if it offers one. */
export function fileSearchTool(context: ModelContext): { vectorStoreIds: string[]; maxResults: number } | null {
  const tool = context.tools.find((t) => t.type === "file_search");
  if (!tool) return null;
  const ids = list(tool.vector_store_ids).filter((id): id is string => typeof id === "string");
  const max = num(tool.max_num_results) ?? 5;
  return { vectorStoreIds: ids, maxResults: Math.max(1, Math.min(50, max)) };
}

/** Search the request's vector stores: the chunks found, best first. */
export async function runFileSearch(context: ModelContext, query: string): Promise<FileSearchResult[]> {
  const tool = fileSearchTool(context);
  if (!tool) return [];
  const hits = await searchStores(tool.vectorStoreIds, query, tool.maxResults);
  return hits.map((hit) => ({ file_id: hit.fileId, filename: hit.filename, score: hit.score, text: hit.text, attributes: {} }));
}

/** An answer quoting the best-matching sentences of the retrieved chunks, each followed by its `file_citation`. */
export function fileCitedAnswer(query: string, results: readonly FileSearchResult[]): { text: string; annotations: FileCitation[] } {
  if (results.length === 0) {
    return { text: `I searched the attached files for "${query}" and found nothing about it, so I cannot answer from them.`, annotations: [] };
  }
  const terms = queryTerms(query);
  const annotations: FileCitation[] = [];
  const quoted = new Set<string>();
  let text = "From the attached files:";
  // The best sentence of each of the top chunks; Markdown headings are labels, not statements to quote.
  for (const result of results.slice(0, 3)) {
    const [sentence] = bestSentences(result.text.replace(/^#{1,6}\s.*$/gm, ""), terms, 1);
    if (!sentence || quoted.has(sentence)) continue;
    quoted.add(sentence);
    text += `\n\n${sentence}`;
    annotations.push({ type: "file_citation", file_id: result.file_id, filename: result.filename, index: text.length });
  }
  return { text, annotations };
}
