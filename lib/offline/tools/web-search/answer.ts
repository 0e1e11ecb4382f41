import { queryTerms } from "../../core/text-search";
import { messageStep, type MessageStep, type UrlCitation } from "../../core/turn";
import type { WebSearchHit } from "./pages";

const QUESTION = new RegExp(
  "\\?\\s*$|^(who|what|when|where|why|how|which|is|are|was|were|does|do|did|can|could|tell me|explain|describe|search|find|look up)\\b",
  "i",
);
const NEWS = /\b(news|latest|recent(ly)?|today|this (week|month|year)|announced?|released?|202[4-9])\b/i;
const LOOKUP = /\b(how to|best way|recipe|guide to|history of|facts? about|information (on|about)|definition of)\b/i;

/** True when a message reads as a question about facts or news (what `web_search` is for). */
export function looksLikeFactQuestion(text: string): boolean {
  return (QUESTION.test(text.trim()) || NEWS.test(text) || LOOKUP.test(text)) && queryTerms(text).length > 0;
}

/** The search query a message stands for: the request phrasing and trailing punctuation removed. */
export function searchQueryOf(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(REQUEST_PHRASING, "")
    .replace(/^(what'?s|what is|what are) the (latest|recent) (news )?(on|about|in)\s+/i, "latest $3")
    .replace(/[?.!\s]+$/, "")
    .trim();
}

const REQUEST_PHRASING =
  /^(please\s+)?((can|could) you\s+)?(search( the web)?( for)?|look up|find( me)?|tell me( about)?|what do you know about)\s+/i;

const SENTENCE = /[^.!?]+(?:[.!?]+(?=\s|$)|$)/g;

/** The sentences of a page's text. */
export function sentencesOf(text: string): string[] {
  return (text.match(SENTENCE) ?? []).map((s) => s.trim()).filter(Boolean);
}

/** An answer made of sentences from the hits, each followed by the `url_citation` spanning it exactly. */
export function citedAnswer(query: string, hits: readonly WebSearchHit[]): MessageStep {
  if (hits.length === 0) {
    return messageStep(`I searched Arbor's offline web corpus for "${query}" and found no page about it, so I cannot answer from the web.`);
  }
  const terms = queryTerms(query);
  let text = `From Arbor's offline web corpus (searched for "${query}"):`;
  const annotations: UrlCitation[] = [];
  hits.forEach((hit, rank) => {
    text += "\n\n";
    bestSentences(hit.text, terms, rank === 0 ? 2 : 1).forEach((sentence, i) => {
      if (i > 0) text += " ";
      const start = text.length;
      annotations.push({ type: "url_citation", start_index: start, end_index: start + sentence.length, url: hit.url, title: hit.title });
      text += sentence;
    });
  });
  text += "\n\nThese pages come from a local corpus written for Arbor, not from the live web.";
  return { type: "message", text, annotations };
}

/** The `count` sentences sharing the most words with the query, in page order (the first sentences win ties). */
export function bestSentences(pageText: string, terms: readonly string[], count: number): string[] {
  const sentences = sentencesOf(pageText);
  const score = (sentence: string) => {
    const words = new Set(queryTerms(sentence));
    return terms.filter((term) => words.has(term) || [...words].some((w) => w.startsWith(term) && term.length >= 4)).length;
  };
  const ranked = sentences
    .map((sentence, index) => ({ sentence, index, score: score(sentence) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, count)
    .sort((a, b) => a.index - b.index);
  return ranked.map((r) => r.sentence);
}
