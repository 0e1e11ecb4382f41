import type { NodeSummary } from "@/lib/contracts/nodes";
import type { TreeIndex } from "./tree-index";

/** The node a compacted root was made from, as the tree knows it: the node, or null when it was deleted since. */
export type CompactedSource = { id: string; node: NodeSummary | null };

/** Where a compacted root came from, or null for any other node. */
export function compactedSource(index: TreeIndex, summary: Pick<NodeSummary, "compactedFrom">): CompactedSource | null {
  if (summary.compactedFrom === null) return null;
  return { id: summary.compactedFrom, node: index.byId.get(summary.compactedFrom) ?? null };
}

/** How a compacted root names its source: its label or its question, else that it is gone. */
export function compactedSourceText(source: CompactedSource): string {
  const node = source.node;
  if (!node) return "Compacted from a node since deleted";
  const name = node.label ?? node.inputPreview;
  return name ? `Compacted from “${name}”` : `Compacted from node ${node.id}`;
}
