/** A page of the web as a search backend returns it. */
export type WebPage = { title: string; url: string; published: string; text: string };

/** A page that matched a query, best first. */
export type WebSearchHit = WebPage & { score: number };

/** Where `web_search` looks: the local corpus, or a real backend (SearxNG). */
export interface WebSearchBackend {
  search(query: string, limit: number): Promise<WebSearchHit[]>;
}
