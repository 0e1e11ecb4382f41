import type { ContextMode } from "./nodes";
import type { ModelPrice } from "./providers";

/**
 * The answer of `POST /api/trees/:id/input-tokens` (its body is a node's, as `POST /api/trees/:id/nodes` takes it):
 * what the next call would send, counted by the provider, and what it would cost, before anything is sent.
 */
export type InputTokenEstimate = {
  providerId: string;
  model: string;
  /** How the history would reach the model, and why. */
  contextMode: ContextMode;
  contextReason: string;
  /** Input tokens as the provider counts them (`POST /responses/input_tokens`). */
  inputTokens: number;
  /** USD of those input tokens at the model's list price (output not included), or null when the price is unknown. */
  inputCostUsd: number | null;
  /** The model's list price (USD per 1M tokens), or null when unknown. */
  price: ModelPrice | null;
  /** When the call forks onto another provider or model: the same call had it stayed on the parent's. */
  switchedFrom: ForkOrigin | null;
};

/** The call as it would be on the parent's provider and model, to say what a fork onto another one changes. */
export type ForkOrigin = {
  providerId: string;
  model: string;
  /** How the history would reach the parent's model (null when that provider is no longer configured). */
  contextMode: ContextMode | null;
  /** The parent's model's list price, or null when unknown. */
  price: ModelPrice | null;
  /**
   * Tokens of this context the parent's model already read or wrote (the parent's input and output): a prefix its
   * prompt cache may hold. Another model or provider has no such cache.
   */
  cacheableTokens: number;
  /** USD of the input had the call stayed, that prefix at the cached price; null when the price is unknown. */
  inputCostUsd: number | null;
};
