import { isObject, num, obj, type JsonObject } from "@/lib/responses/json";
import type { ResponseUsage } from "@/lib/responses/types";

/** How much of a call's input the provider served from its prompt cache, and what it said about the rest. */
export type PromptCacheReport = {
  input: number;
  cached: number;
  /** cached / input, from 0 to 1. */
  hitRatio: number;
  /** Diagnostics the provider returned (`prompt_cache_diagnostics`, `input_transformations`), flattened to lines. */
  notes: string[];
};

/** Flatten a diagnostics value into "path: value" lines (its shape varies by provider, so nothing is assumed). */
function flatten(value: unknown, path: string, into: string[]): void {
  if (into.length >= 12) return;
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${path}[${i}]`, into));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, into);
  else if (value !== null && value !== undefined) into.push(`${path}: ${String(value)}`);
}

/**
 * The prompt-cache side of a usage object: cached of input tokens, plus any diagnostics found in it or in its
 * input details. Null when the provider did not report cached tokens.
 */
export function promptCacheReport(usage: ResponseUsage | JsonObject | null | undefined): PromptCacheReport | null {
  if (!isObject(usage)) return null;
  const details = obj(usage.input_tokens_details);
  const input = num(usage.input_tokens);
  const cached = num(details.cached_tokens);
  if (input === null || cached === null) return null;
  const notes: string[] = [];
  for (const [key, value] of [...Object.entries(usage), ...Object.entries(details)]) {
    if (key === "prompt_cache_diagnostics" || key === "input_transformations") flatten(value, key, notes);
  }
  return { input, cached, hitRatio: input === 0 ? 0 : Math.min(cached, input) / input, notes };
}
