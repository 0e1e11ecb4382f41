import { estimateTokens } from "../core/tokens";

/** OpenAI's default static chunking: 800 tokens a chunk, 400 of them shared with the next. */
export const DEFAULT_CHUNKING = { maxChunkSizeTokens: 800, chunkOverlapTokens: 400 };
export type Chunking = typeof DEFAULT_CHUNKING;

/**
 * Cut text into chunks of at most `maxChunkSizeTokens` that overlap by about `chunkOverlapTokens`, breaking between
 * words so a sentence is never cut inside a word.
 */
export function chunkText(text: string, { maxChunkSizeTokens, chunkOverlapTokens }: Chunking): string[] {
  const words = text.split(/(?<=\s)/); // keep each word's trailing whitespace
  const chunks: string[] = [];
  let start = 0;
  while (start < words.length) {
    let end = start;
    let tokens = 0;
    while (end < words.length && (end === start || tokens + estimateTokens(words[end]!) <= maxChunkSizeTokens)) {
      tokens += estimateTokens(words[end]!);
      end++;
    }
    const chunk = words.slice(start, end).join("").trim();
    if (chunk) chunks.push(chunk);
    if (end >= words.length) break;
    // Step back from the end by about the overlap, but always move forward.
    let back = end;
    let overlap = 0;
    while (back > start + 1 && overlap + estimateTokens(words[back - 1]!) <= chunkOverlapTokens) {
      overlap += estimateTokens(words[back - 1]!);
      back--;
    }
    start = back;
  }
  return chunks;
}
