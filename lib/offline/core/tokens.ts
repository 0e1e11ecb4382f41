// Token counts are an approximation, applied the same way everywhere: about four characters per token, the rule of
// thumb OpenAI gives for English text. The engine has no tokenizer and does not pretend to.
const CHARS_PER_TOKEN = 4;

/** Approximate token count of a text (0 for an empty one). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Approximate token count of any JSON value (items that are not plain text are counted by their JSON). */
export function estimateJsonTokens(value: unknown): number {
  return typeof value === "string" ? estimateTokens(value) : estimateTokens(JSON.stringify(value) ?? "");
}

/** Split a text into word-ish pieces for streaming: each piece is a word with the whitespace before it. */
export function splitIntoStreamTokens(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** The longest prefix of `text` within `maxTokens`, cut at a word boundary where possible. */
export function truncateToTokens(text: string, maxTokens: number): { text: string; truncated: boolean } {
  const maxChars = maxTokens * CHARS_PER_TOKEN;
  if (text.length <= maxChars) return { text, truncated: false };
  let kept = "";
  for (const piece of splitIntoStreamTokens(text)) {
    if (kept.length + piece.length > maxChars) break;
    kept += piece;
  }
  return { text: kept || text.slice(0, maxChars), truncated: true };
}
