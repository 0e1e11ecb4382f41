import type { NodeSummary } from "@/lib/contracts/nodes";

/** Whether a node is still waiting for or receiving its answer. */
export function isRunning(summary: Pick<NodeSummary, "status">): boolean {
  return summary.status === "in_progress" || summary.status === "queued";
}

/** Total tokens of a node, when the provider reported usage. */
export function totalTokens(summary: Pick<NodeSummary, "usage">): number | null {
  const total = summary.usage?.total_tokens;
  return typeof total === "number" ? total : null;
}

/** How a node's history reached the model, as the graph badge says it. */
export function contextLabel(summary: Pick<NodeSummary, "contextMode" | "contextFallback" | "parentId">): string {
  // A root has no history to send: neither chained nor replayed.
  if (summary.parentId === null) return "root";
  if (summary.contextMode === "chain") return "chain";
  return summary.contextFallback ? "replay (fallback)" : "replay";
}

/** What a screen reader hears for a card. */
export function nodeAriaLabel(summary: NodeSummary): string {
  const answer = summary.outputPreview || (isRunning(summary) ? "answer streaming" : "no answer");
  return `Node: ${summary.inputPreview || "(no text input)"}. Answer: ${answer}. Status ${summary.status.replace("_", " ")}, model ${summary.model}.`;
}

/** A finished answer that called functions and has no child yet: the next turn must send their output. */
export function awaitsToolOutput(summary: Pick<NodeSummary, "itemTypes" | "status">, hasChildren: boolean): boolean {
  return summary.status === "completed" && summary.itemTypes.includes("function_call") && !hasChildren;
}
