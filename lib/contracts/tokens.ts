import type { ContextMode } from "./nodes";

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
  /** The parent's provider and model, and the same tokens at its price, when the call forks onto another model. */
  switchedFrom: { providerId: string; model: string; inputCostUsd: number | null } | null;
};
