import type { WebSearchBackend, WebSearchHit } from "./web-search";

type SearxngResult = { title?: unknown; url?: unknown; content?: unknown; publishedDate?: unknown };

/** `web_search` over a SearxNG instance's JSON API (`/search?format=json`), in place of the local corpus. */
export class SearxngSearchBackend implements WebSearchBackend {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 8000,
  ) {}

  async search(query: string, limit: number): Promise<WebSearchHit[]> {
    const url = new URL("search", this.baseUrl.endsWith("/") ? this.baseUrl : `${this.baseUrl}/`);
    url.searchParams.set("q", query);
    url.searchParams.set("format", "json");
    const response = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(this.timeoutMs) });
    if (!response.ok) throw new Error(`SearxNG at ${this.baseUrl} answered HTTP ${response.status}`);
    const body = (await response.json()) as { results?: SearxngResult[] };
    const results = (body.results ?? []).filter(
      (r): r is SearxngResult & { title: string; url: string } => typeof r.title === "string" && typeof r.url === "string" && /^https?:\/\//.test(r.url),
    );
    // SearxNG ranks its results but gives no comparable score: rank order stands in for one.
    return results.slice(0, limit).map((r, rank) => ({
      title: r.title,
      url: r.url,
      published: typeof r.publishedDate === "string" ? r.publishedDate : "",
      text: typeof r.content === "string" ? r.content : "",
      score: 1 / (rank + 1),
    }));
  }
}
