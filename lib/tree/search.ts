import type { SearchField, Snippet } from "@/lib/contracts/search";

// What a search matched and the text around it: pure, so the server (over candidate rows) and the tests agree.

/** The words of a query, lower-cased, without duplicates (empty for a blank query). */
export function queryWords(query: string): string[] {
  return [...new Set(query.toLowerCase().split(/\s+/).filter(Boolean))];
}

/** True when every word of the query appears in `text` (case-insensitive). */
export function matchesAll(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const lower = text.toLowerCase();
  return words.every((word) => lower.includes(word));
}

/**
 * The text around the query in `text`: the whole phrase when it appears, else the earliest of its words; at most `width`
 * characters each side, cut at a word and marked with an ellipsis. Null when nothing matches.
 */
export function snippetOf(text: string, query: string, width = 48): Snippet | null {
  const flat = text.replace(/\s+/g, " ").trim();
  const lower = flat.toLowerCase();
  const phrase = query.toLowerCase().replace(/\s+/g, " ").trim();
  const words = queryWords(query);
  let at = phrase ? lower.indexOf(phrase) : -1;
  let length = phrase.length;
  if (at === -1) {
    // The earliest of the words, so the snippet starts where the reader's eye would.
    const found = words.map((w) => [lower.indexOf(w), w.length] as const).filter(([i]) => i !== -1);
    if (found.length === 0) return null;
    [at, length] = found.reduce((a, b) => (b[0] < a[0] ? b : a));
  }
  const start = Math.max(0, at - width);
  const end = Math.min(flat.length, at + length + width);
  let before = flat.slice(start, at);
  let after = flat.slice(at + length, end);
  if (start > 0) before = `…${before.replace(/^\S*\s/, "")}`;
  if (end < flat.length) after = `${after.replace(/\s\S*$/, "")}…`;
  return { before, match: flat.slice(at, at + length), after };
}

/** A node's searchable texts. */
export type SearchableNode = { label: string | null; note: string | null; input: string; output: string };

/** The first field (label, note, input, output) holding every word of the query, with a snippet; null when none does. */
export function matchNode(node: SearchableNode, query: string): { field: SearchField; snippet: Snippet } | null {
  const words = queryWords(query);
  const fields: [SearchField, string | null][] = [
    ["label", node.label],
    ["note", node.note],
    ["input", node.input],
    ["output", node.output],
  ];
  for (const [field, text] of fields) {
    if (text && matchesAll(text, words)) {
      const snippet = snippetOf(text, query);
      if (snippet) return { field, snippet };
    }
  }
  return null;
}

const FIELD_RANK: Record<SearchField, number> = { label: 0, note: 1, input: 2, output: 3 };

/** Order hits: a label or note match before an input or output one, then the newest first. */
export function rankHits<T extends { field: SearchField; createdAt: string }>(hits: readonly T[]): T[] {
  return [...hits].sort((a, b) => FIELD_RANK[a.field] - FIELD_RANK[b.field] || b.createdAt.localeCompare(a.createdAt));
}
