import type { Options, SearchOptions } from "minisearch";

// Words that carry no topic; dropped from both the index and the queries.
const STOPWORDS = new Set(
  ("a an and are as at be been but by can could did do does for from had has have how i in is it its latest me my new news " +
    "of on or our please recent search so tell that the their them there these this to up was we were what when where which " +
    "who why will with would you your about explain know find look").split(" "),
);

/** MiniSearch's term processing for the offline engine's indexes: lowercase, no stopwords or one-letter words. */
export function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  return lower.length < 2 || STOPWORDS.has(lower) ? null : lower;
}

/** Prefixes and typos only for longer words: "ai" must not match "air", "rust" may match "rusty". */
export const fuzzySearchOptions: SearchOptions = {
  prefix: (term) => term.length >= 4,
  fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
};

/** The options every offline full-text index starts from (BM25+ ranking, MiniSearch's default). */
export const baseIndexOptions: Pick<Options, "processTerm"> = { processTerm };

/** The words of a query that a search uses (no stopwords), lowercased. */
export function queryTerms(query: string): string[] {
  return (query.match(/[\p{L}\p{N}]+/gu) ?? []).flatMap((word) => processTerm(word) ?? []);
}
