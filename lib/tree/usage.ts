import { isObject, num, obj, type JsonObject } from "@/lib/responses/json";
import type { ResponseUsage } from "@/lib/responses/types";
import type { TokenCounts } from "./cost";
import type { NodeSummary } from "@/lib/contracts/nodes";

/** A node's usage as Arbor reads it: every count null when the provider did not report it. */
export type UsageBreakdown = {
  input: number | null;
  cached: number | null;
  output: number | null;
  reasoning: number | null;
  total: number | null;
};

/**
 * Read a Responses `usage` object (input, cached, output, reasoning, total tokens). Providers leave fields out, so
 * any of them may be missing whatever the SDK's type says.
 */
export function readUsage(usage: ResponseUsage | JsonObject | null | undefined): UsageBreakdown {
  if (!isObject(usage)) return { input: null, cached: null, output: null, reasoning: null, total: null };
  const input = num(usage.input_tokens);
  const output = num(usage.output_tokens);
  return {
    input,
    cached: num(obj(usage.input_tokens_details).cached_tokens),
    output,
    reasoning: num(obj(usage.output_tokens_details).reasoning_tokens),
    total: num(usage.total_tokens) ?? (input !== null && output !== null ? input + output : null),
  };
}

/** The counts a price applies to, or null without input and output counts. */
export function tokenCounts(usage: ResponseUsage | JsonObject | null | undefined): TokenCounts | null {
  const read = readUsage(usage);
  if (read.input === null || read.output === null) return null;
  return { input: read.input, cached: read.cached ?? 0, output: read.output };
}

/** Output tokens per second of generation (after the first token), or null when it cannot be measured. */
export function tokensPerSecond(outputTokens: number | null, durationMs: number | null, ttftMs: number | null): number | null {
  if (outputTokens === null || durationMs === null) return null;
  const generatingMs = durationMs - (ttftMs ?? 0);
  if (generatingMs <= 0 || outputTokens <= 0) return null;
  return (outputTokens * 1000) / generatingMs;
}

/** Sums over several nodes; `priced` counts the nodes whose cost is known. */
export type UsageTotals = {
  nodes: number;
  input: number;
  cached: number;
  output: number;
  reasoning: number;
  costUsd: number;
  priced: number;
};

/** Add up tokens and known costs of these nodes; `costOf` gives a node's cost (null when unknown). */
export function sumUsage(nodes: readonly NodeSummary[], costOf: (node: NodeSummary) => number | null): UsageTotals {
  const totals: UsageTotals = { nodes: nodes.length, input: 0, cached: 0, output: 0, reasoning: 0, costUsd: 0, priced: 0 };
  for (const node of nodes) {
    const usage = readUsage(node.usage);
    totals.input += usage.input ?? 0;
    totals.cached += usage.cached ?? 0;
    totals.output += usage.output ?? 0;
    totals.reasoning += usage.reasoning ?? 0;
    const cost = costOf(node);
    if (cost !== null) {
      totals.costUsd += cost;
      totals.priced += 1;
    }
  }
  return totals;
}
