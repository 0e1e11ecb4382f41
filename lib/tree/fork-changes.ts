import type { ModelPrice } from "@/lib/contracts/providers";
import type { InputTokenEstimate } from "@/lib/contracts/tokens";
import { formatUsd } from "./cost";

/** What a fork onto another provider or model changes, one short line each: history, price per token, cache, cost. */
export type ForkChanges = { heading: string; lines: string[] };

/** The changes of forking the estimated call away from its parent's provider and model; null when it stays. */
export function forkChanges(estimate: InputTokenEstimate): ForkChanges | null {
  const from = estimate.switchedFrom;
  if (!from) return null;
  const name = (providerId: string, model: string) => (providerId === from.providerId && providerId === estimate.providerId ? model : `${model} (${providerId})`);
  const lines: string[] = [];
  const tokens = estimate.inputTokens.toLocaleString("en-US");

  if (from.contextMode === "chain" && estimate.contextMode === "replay") {
    lines.push(`Chain becomes replay: the history is sent again as input (${tokens} tokens) instead of by previous_response_id.`);
  } else if (from.contextMode === "replay" && estimate.contextMode === "chain") {
    lines.push("Replay becomes chain: the history stays on the server (previous_response_id).");
  } else {
    lines.push(estimate.contextMode === "chain" ? "The history stays chained on the server (previous_response_id)." : `The history is replayed as input (${tokens} tokens), as it would be on the parent's model.`);
  }

  lines.push(`Input price: ${perMillion(from.price)} → ${perMillion(estimate.price)} per 1M tokens.`);

  if (from.cacheableTokens > 0) {
    const cached = from.price?.cachedInput !== undefined && from.price.cachedInput < from.price.input ? ` (billed at the cached ${formatPrice(from.price.cachedInput)} per 1M on ${from.model})` : "";
    lines.push(`Prompt cache lost: up to ${from.cacheableTokens.toLocaleString("en-US")} tokens that ${from.model} may read from its cache${cached} are processed anew.`);
  } else {
    lines.push("No prompt cache to lose: the parent reported no tokens of this context.");
  }

  if (estimate.inputCostUsd !== null && from.inputCostUsd !== null) {
    lines.push(`This call's input: ${formatUsd(estimate.inputCostUsd)} instead of ${formatUsd(from.inputCostUsd)}${from.cacheableTokens > 0 ? " with the cache" : ""}.`);
  }
  return { heading: `Forking from ${name(from.providerId, from.model)} onto ${name(estimate.providerId, estimate.model)}:`, lines };
}

function perMillion(price: ModelPrice | null): string {
  return price ? formatPrice(price.input) : "unknown";
}

function formatPrice(usdPerMillion: number): string {
  return usdPerMillion === 0 ? "$0" : `$${usdPerMillion.toFixed(usdPerMillion < 0.1 ? 3 : 2)}`;
}
