import type { NodeSummary } from "@/lib/contracts/nodes";

/** What the graph highlights: nodes that used a tool type, or nodes answered by a model. */
export type GraphFilter = { kind: "tool"; type: string } | { kind: "model"; model: string };

/** Whether a node matches the filter (every node matches no filter). */
export function matchesFilter(filter: GraphFilter | null, node: Pick<NodeSummary, "itemTypes" | "model">): boolean {
  if (filter === null) return true;
  return filter.kind === "tool" ? node.itemTypes.includes(filter.type) : node.model === filter.model;
}

/** The choices a tree offers: the tool-call types and the models its nodes used, each with how many nodes. */
export function filterChoices(nodes: readonly NodeSummary[], isToolCall: (type: string) => boolean) {
  const tools = new Map<string, number>();
  const models = new Map<string, number>();
  // A tree has a handful of item types over thousands of nodes: each is asked about once.
  const toolType = new Map<string, boolean>();
  const isTool = (type: string) => {
    let answer = toolType.get(type);
    if (answer === undefined) toolType.set(type, (answer = isToolCall(type)));
    return answer;
  };
  for (const node of nodes) {
    for (const type of node.itemTypes) if (isTool(type)) tools.set(type, (tools.get(type) ?? 0) + 1);
    models.set(node.model, (models.get(node.model) ?? 0) + 1);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return { tools: sorted(tools), models: sorted(models) };
}

/** A filter as a `<select>` value and back ("" = none). */
export function filterToValue(filter: GraphFilter | null): string {
  return filter === null ? "" : filter.kind === "tool" ? `tool:${filter.type}` : `model:${filter.model}`;
}

export function filterFromValue(value: string): GraphFilter | null {
  if (value.startsWith("tool:")) return { kind: "tool", type: value.slice(5) };
  if (value.startsWith("model:")) return { kind: "model", model: value.slice(6) };
  return null;
}
