import type { ModelPrice, PriceTable } from "@/lib/contracts/providers";

/** The token counts a price applies to. */
export type TokenCounts = { input: number; cached: number; output: number };

const PER_TOKEN = 1 / 1_000_000;

/**
 * What a call cost in USD, or null when the price or the usage is unknown (never a guess).
 * Cached tokens are part of the input count; reasoning tokens are part of the output count.
 */
export function costUsd(tokens: TokenCounts | null, price: ModelPrice | undefined): number | null {
  if (!tokens || !price) return null;
  const cached = Math.min(Math.max(tokens.cached, 0), tokens.input);
  const uncached = tokens.input - cached;
  const total = uncached * price.input + cached * (price.cachedInput ?? price.input) + tokens.output * price.output;
  return total * PER_TOKEN;
}

/** The price of `model` in a table, if listed. */
export function priceFor(table: PriceTable | undefined, model: string | null | undefined): ModelPrice | undefined {
  if (!model) return undefined;
  return table && Object.hasOwn(table, model) ? table[model] : undefined;
}

/** USD for display: "$0.00" for nothing, four decimals for fractions of a cent, a dash when unknown. */
export function formatUsd(value: number | null): string {
  if (value === null) return "—";
  if (value === 0) return "$0.00";
  if (value < 0.01) return `$${value.toFixed(4)}`;
  return `$${value.toFixed(2)}`;
}
