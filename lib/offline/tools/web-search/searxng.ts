import { obj, objects, str } from "@/lib/responses/json";
import type { WebSearchBackend, WebSearchHit } from "./pages";

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
    const body: unknown = await response.json();
    const results = objects(obj(body).results).filter((r) => typeof r.title === "string" && /^https?:\/\//.test(str(r.url)));
    // SearxNG ranks its results but gives no comparable score: rank order stands in for one.
    return results.slice(0, limit).map((r, rank) => ({
      title: str(r.title),
      url: str(r.url),
      published: str(r.publishedDate),
      text: str(r.content),
      score: 1 / (rank + 1),
    }));
  }
}
