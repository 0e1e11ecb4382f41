import type { ResponseObject } from "@/lib/responses/schemas";
import { cachedTokenCount, contextTokenCount } from "../core/context";
import { estimateTokens, truncateToTokens } from "../core/tokens";
import type { ModelTurn, TurnStep } from "../core/turn";
import type { Item, ModelContext } from "../core/types";
import type { StreamPlan } from "./events";
import { planCompaction, planOutput } from "./items";
import { finishedResponse, nowSeconds, usageOf } from "./response";

/** A compaction made before the model's turn: its item, and the tokens the compaction pass read and wrote. */
export type PlannedCompaction = { item: Item; contextTokens: number; cachedTokens: number; summaryTokens: number };

/**
 * Shape a model's turn as a Response: output items with their stream events, usage and final status. With a
 * `compaction`, its item comes first, and usage counts both passes: the compaction read the whole context and wrote
 * its summary, then the model read the compacted `context`.
 */
export function planResponse(
  turn: ModelTurn,
  context: ModelContext,
  start: ResponseObject,
  maxOutputTokens: number | null,
  compaction: PlannedCompaction | null = null,
): StreamPlan {
  const { steps, truncated } = limitOutput(turn, maxOutputTokens);
  const first = compaction ? 1 : 0;
  const outputs = [
    ...(compaction ? [planCompaction(compaction.item, 0)] : []),
    ...steps.map((step, index) => planOutput(step, first + index, truncated ? "incomplete" : "completed")),
  ];
  const reasoningTokens = steps.reduce((n, step) => n + (step.type === "reasoning" ? step.tokens : 0), 0);
  const outputTokens = steps.reduce((n, step) => n + stepTokens(step), 0) + (compaction?.summaryTokens ?? 0);
  const inputTokens = contextTokenCount(context) + (compaction?.contextTokens ?? 0);
  const cachedTokens = cachedTokenCount(context) + (compaction?.cachedTokens ?? 0);
  const final = finishedResponse(start, {
    status: truncated ? "incomplete" : "completed",
    output: outputs.map((output) => output.item),
    usage: usageOf(inputTokens, outputTokens, reasoningTokens, cachedTokens),
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
