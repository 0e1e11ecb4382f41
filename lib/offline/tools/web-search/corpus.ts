import MiniSearch from "minisearch";
import { baseIndexOptions, fuzzySearchOptions } from "../../core/text-search";
import type { WebPage, WebSearchBackend, WebSearchHit } from "./pages";

// Pages far below the best match only share a stray word with the query.
const RELEVANCE_FLOOR = 0.35;

/** Full-text search (titles boosted) over the pages of `lib/offline/data/web-corpus.json`. */
export class CorpusSearchBackend implements WebSearchBackend {
  private readonly index: MiniSearch<WebPage & { id: number }>;

  constructor(pages: readonly WebPage[]) {
    this.index = new MiniSearch<WebPage & { id: number }>({
      fields: ["title", "text"],
      storeFields: ["title", "url", "published", "text"],
      ...baseIndexOptions,
      searchOptions: { ...fuzzySearchOptions, boost: { title: 2 } },
    });
    this.index.addAll(pages.map((page, id) => ({ ...page, id })));
  }

  search(query: string, limit: number): Promise<WebSearchHit[]> {
    const all = this.index.search(query);
    const floor = (all[0]?.score ?? 0) * RELEVANCE_FLOOR;
    const hits = all.filter((hit) => hit.score >= floor).slice(0, limit);
    return Promise.resolve(
      hits.map((hit) => ({
        title: String(hit.title),
        url: String(hit.url),
        published: String(hit.published),
        text: String(hit.text),
        score: hit.score,
      })),
    );
  }
}
