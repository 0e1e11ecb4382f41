import type { ResponseObject } from "@/lib/responses/schemas";
import { cachedTokenCount, contextTokenCount } from "../core/context";
import { estimateTokens, truncateToTokens } from "../core/tokens";
import type { ModelTurn, TurnStep } from "../core/turn";
import type { ModelContext } from "../core/types";
import type { StreamPlan } from "./events";
import { planOutput } from "./items";
import { finishedResponse, nowSeconds, usageOf } from "./response";

/** Shape a model's turn as a Response: output items with their stream events, usage and final status. */
export function planResponse(
  turn: ModelTurn,
  context: ModelContext,
  start: ResponseObject,
  maxOutputTokens: number | null,
): StreamPlan {
  const { steps, truncated } = limitOutput(turn, maxOutputTokens);
  const outputs = steps.map((step, index) => planOutput(step, index, truncated ? "incomplete" : "completed"));
  const reasoningTokens = steps.reduce((n, step) => n + (step.type === "reasoning" ? step.tokens : 0), 0);
  const final = finishedResponse(start, {
    status: truncated ? "incomplete" : "completed",
    output: outputs.map((output) => output.item),
    usage: usageOf(contextTokenCount(context), steps.reduce((n, step) => n + stepTokens(step), 0), reasoningTokens, cachedTokenCount(context)),
    completedAt: nowSeconds(),
  });
  return { start, final, outputs };
}

/** The steps within `max_output_tokens`: reasoning and tool calls count first, the message text is cut to fit. */
function limitOutput(turn: ModelTurn, maxTokens: number | null): { steps: TurnStep[]; truncated: boolean } {
  if (maxTokens === null) return { steps: turn, truncated: false };
  let budget = maxTokens;
  let truncated = false;
  const steps: TurnStep[] = [];
  for (const step of turn) {
    if (step.type !== "message") {
      budget -= stepTokens(step);
      steps.push(step);
      continue;
    }
    const cut = truncateToTokens(step.text, Math.max(0, budget));
    truncated ||= cut.truncated;
    budget -= estimateTokens(cut.text);
    // Keep only the citations whose passage survived the cut.
    const annotations = step.annotations.filter((a) => (a.type === "url_citation" ? a.end_index : a.index) <= cut.text.length);
    steps.push({ ...step, text: cut.text, annotations });
  }
  return { steps, truncated };
}

function stepTokens(step: TurnStep): number {
  switch (step.type) {
    case "message":
      return estimateTokens(step.text);
    case "reasoning":
      return step.tokens + estimateTokens(step.summary ?? "");
    case "web_search":
      return estimateTokens(step.query);
    case "file_search":
      return estimateTokens(step.queries.join(" "));
    case "function_call":
      return estimateTokens(step.name) + estimateTokens(step.arguments);
    case "code_interpreter":
      return estimateTokens(step.code);
  }
}
