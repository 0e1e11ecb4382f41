// What a user's message says, read for filling in tool arguments: the places it names, its numbers and its words.

const PLACE = "[A-Z][\\p{L}'-]*(?:\\s+[A-Z][\\p{L}'-]*)*";
const PLACE_LIST = new RegExp(`\\b(?:in|for|at|to|from|of)\\s+(${PLACE}(?:(?:\\s*,\\s*|\\s+and\\s+|\\s+or\\s+)${PLACE})*)`, "u");

/** The place a message names: capitalised words after "in", "for", "at", "to" or "from" ("weather in New York"). */
export function placeIn(text: string): string | null {
  return placesIn(text)?.places[0] ?? null;
}

/** Every place of a list a message names ("in Paris, Rome and Oslo"), with the text of the list. */
export function placesIn(text: string): { list: string; places: string[] } | null {
  const list = PLACE_LIST.exec(text)?.[1];
  if (!list) return null;
  return { list, places: list.split(/\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+/).filter(Boolean) };
}

/** The numbers written in a text, in order. */
export function numbersIn(text: string): number[] {
  return (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
}

/** The first `limit` distinct words of a text, in order. */
export function distinctWords(text: string, limit: number): string[] {
  const seen = new Set<string>();
  for (const [word] of text.matchAll(/[\p{L}\p{N}_-]+/gu)) {
    seen.add(word);
    if (seen.size >= limit) break;
  }
  return [...seen];
}

/** The words of an identifier: `get_current_weather` and `getCurrentWeather` give get, current, weather. */
export function words(identifier: string): string[] {
  return identifier
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True when a text mentions an identifier's words, in order ("max price" for `max_price`). */
export function mentions(text: string, name: string): boolean {
  const w = words(name);
  return w.length > 0 && new RegExp(`\\b${escapeRegExp(w.join(" "))}\\b`, "i").test(text);
}

/** A text as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
