import MiniSearch from "minisearch";
import { env } from "@/lib/env";
import corpus from "./data/web-corpus.json";
import { SearxngSearchBackend } from "./searxng";
import { baseIndexOptions, fuzzySearchOptions } from "./text-search";

/** A page of the web as a search backend returns it. */
export type WebPage = { title: string; url: string; published: string; text: string };
/** A page that matched a query, best first. */
export type WebSearchHit = WebPage & { score: number };

/** Where `web_search` looks: the local corpus today, a real backend (e.g. SearxNG) later. */
export interface WebSearchBackend {
  search(query: string, limit: number): Promise<WebSearchHit[]>;
}

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
    // Pages far below the best match only share a stray word with the query.
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

const RELEVANCE_FLOOR = 0.35;

let backend: WebSearchBackend | undefined;

/** The backend `web_search` uses: SearxNG when ARBOR_SEARXNG_URL is set, else the local corpus (indexed on first use). */
export function webSearchBackend(): WebSearchBackend {
  const searxng = env().ARBOR_SEARXNG_URL;
  if (searxng) return new SearxngSearchBackend(searxng);
  backend ??= new CorpusSearchBackend(corpus as WebPage[]);
  return backend;
}
