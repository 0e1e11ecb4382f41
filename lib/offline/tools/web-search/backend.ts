import { env } from "@/lib/env";
import corpus from "../../data/web-corpus.json";
import { CorpusSearchBackend } from "./corpus";
import type { WebPage, WebSearchBackend } from "./pages";
import { SearxngSearchBackend } from "./searxng";

let corpusBackend: WebSearchBackend | undefined;

/** The backend `web_search` uses: SearxNG when ARBOR_SEARXNG_URL is set, else the local corpus (indexed on first use). */
export function webSearchBackend(): WebSearchBackend {
  const searxng = env().ARBOR_SEARXNG_URL;
  if (searxng) return new SearxngSearchBackend(searxng);
  corpusBackend ??= new CorpusSearchBackend(corpus as WebPage[]);
  return corpusBackend;
}
