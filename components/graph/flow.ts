import { Position, type Edge, type Node, type NodeHandle } from "@xyflow/react";
import type { NodeSummary } from "@/lib/contracts/nodes";
import { layoutTree, type LayoutDirection } from "@/lib/tree/layout";
import { compactedSource, compactedSourceText } from "@/lib/tree/compacted";
import { awaitsToolOutput, isRunning, nodeAriaLabel } from "@/lib/tree/node-status";
import { differenceText, siblingDifference, siblingPosition, type SiblingPosition } from "@/lib/tree/siblings";
import { indexTree, subtreeIds, type TreeIndex } from "@/lib/tree/tree-index";

/** Size of a node card; the layout and the card component share it so cards never overlap. */
export const NODE_WIDTH = 248;
export const NODE_HEIGHT = 100;
const SIBLING_GAP = 20;
const LEVEL_GAP = 56;

/** What one card reads: its own summary and how it is highlighted, nothing of the rest of the graph. */
export type ArborNodeData = {
  summary: NodeSummary;
  /** The answer asks for function output and no branch has sent it yet. */
  awaitingToolOutput: boolean;
  direction: LayoutDirection;
  onPath: boolean;
  selected: boolean;
  /** Where the card sits among its siblings, for its ‹ 2/3 › switcher; null without siblings. */
  sibling: SiblingPosition | null;
  /** How it differs from its siblings ("regenerate 2 of 3", "edit: Porto"); null without siblings. */
  difference: string | null;
  /** Children it has in the tree (shown or folded away). */
  childCount: number;
  /** Descendants folded away under it; 0 when its subtree is shown. */
  hiddenCount: number;
  /** For a root made by "compact from this node": where it came from ("Compacted from “…”"); null otherwise. */
  compactedFrom: { id: string | null; text: string } | null;
};
export type ArborFlowNode = Node<ArborNodeData, "arbor">;
export type ArborFlowEdge = Edge<{ onPath: boolean }>;
export type ArborGraph = { nodes: ArborFlowNode[]; edges: ArborFlowEdge[] };

/**
 * Cards and edges for a tree, laid out as a tidy tree; highlighting is applied separately by `highlightPath`.
 * Pass the previous result to keep the objects of unchanged cards, so React Flow re-renders only what changed.
 */
export function buildGraph(
  allNodes: readonly NodeSummary[],
  direction: LayoutDirection,
  previous: ArborGraph | null = null,
  collapsed: ReadonlySet<string> = NO_COLLAPSED,
): ArborGraph {
  const index = indexTree(allNodes);
  const hiddenUnder = foldedAway(index, collapsed);
  const nodes = hiddenUnder.hidden.size === 0 ? allNodes : allNodes.filter((node) => !hiddenUnder.hidden.has(node.id));
  const positions = layoutTree(nodes, {
    direction,
    nodeWidth: NODE_WIDTH,
    nodeHeight: NODE_HEIGHT,
    siblingGap: SIBLING_GAP,
    levelGap: LEVEL_GAP,
  });
  const oldNodes = new Map(previous?.nodes.map((node) => [node.id, node]));
  const oldEdges = new Map(previous?.edges.map((edge) => [edge.id, edge]));
  const ids = new Set(nodes.map((node) => node.id));

  const flowNodes: ArborFlowNode[] = [];
  const flowEdges: ArborFlowEdge[] = [];
  for (const summary of nodes) {
    const position = positions.get(summary.id) ?? { x: 0, y: 0 };
    const old = oldNodes.get(summary.id);
    const childCount = index.children.get(summary.id)?.length ?? 0;
    const awaiting = awaitsToolOutput(summary, childCount > 0);
    const sibling = siblingPosition(index, summary.id);
    const difference = sibling ? differenceOf(index, summary) : null;
    const hiddenCount = hiddenUnder.counts.get(summary.id) ?? 0;
    const source = compactedSource(index, summary);
    const compactedFrom = source ? { id: source.node ? source.id : null, text: compactedSourceText(source) } : null;
    const unchanged =
      old?.data.summary === summary &&
      old.data.awaitingToolOutput === awaiting &&
      old.data.direction === direction &&
      !old.data.onPath &&
      sameSibling(old.data.sibling, sibling) &&
      old.data.difference === difference &&
      old.data.childCount === childCount &&
      old.data.hiddenCount === hiddenCount &&
      old.data.compactedFrom?.text === compactedFrom?.text &&
      old.position.x === position.x &&
      old.position.y === position.y;
    flowNodes.push(unchanged && old ? old : cardFor(summary, direction, position, { awaitingToolOutput: awaiting, sibling, difference, childCount, hiddenCount, compactedFrom }));

    if (summary.parentId === null || !ids.has(summary.parentId) || summary.parentId === summary.id) continue;
    const edgeId = `${summary.parentId}->${summary.id}`;
    const running = isRunning(summary);
    const oldEdge = oldEdges.get(edgeId);
    flowEdges.push(
      oldEdge && !oldEdge.data?.onPath && oldEdge.animated === running ? oldEdge : edgeFor(edgeId, summary, running),
    );
  }
  return { nodes: flowNodes, edges: flowEdges };
}

/** Mark the active path (root -> selected) on cards and edges; cards off the path keep their identity. */
export function highlightPath(graph: ArborGraph, path: readonly string[], selectedId: string | null): ArborGraph {
  if (path.length === 0) return graph;
  const onPath = new Set(path);
  const nodes = graph.nodes.map((node) =>
    onPath.has(node.id)
      ? {
          ...node,
          className: node.id === selectedId ? "arbor-node--selected" : "arbor-node--path",
          zIndex: 1,
          data: { ...node.data, onPath: true, selected: node.id === selectedId },
        }
      : node,
  );
  const edges = graph.edges.map((edge) =>
    onPath.has(edge.source) && onPath.has(edge.target)
      ? { ...edge, className: "arbor-edge--path", zIndex: 1, data: { onPath: true } }
      : edge,
  );
  return { nodes, edges };
}

const NO_COLLAPSED: ReadonlySet<string> = new Set();

/** The nodes under folded subtrees, and how many each folded node hides. */
function foldedAway(index: TreeIndex, collapsed: ReadonlySet<string>): { hidden: Set<string>; counts: Map<string, number> } {
  const hidden = new Set<string>();
  const counts = new Map<string, number>();
  for (const id of collapsed) {
    if (hidden.has(id)) continue;
    const under = subtreeIds(index, id).slice(1);
    if (under.length === 0) continue;
    counts.set(id, under.length);
    for (const below of under) {
      hidden.add(below);
      counts.delete(below);
    }
  }
  return { hidden, counts };
}

const sameSibling = (a: SiblingPosition | null, b: SiblingPosition | null) =>
  a === b || (a !== null && b !== null && a.position === b.position && a.count === b.count && a.previous === b.previous && a.next === b.next);

// A sibling's difference depends on its own preview and its siblings': remembered per summary object and the
// previews it was compared with, so a re-render of a big tree does not diff every card again.
const differenceCache = new WeakMap<NodeSummary, { key: string; text: string | null }>();

function differenceOf(index: TreeIndex, summary: NodeSummary): string | null {
  const siblings = summary.parentId !== null && index.byId.has(summary.parentId) ? (index.children.get(summary.parentId) ?? []) : index.roots;
  const key = siblings.map((id) => `${id}\u0000${index.byId.get(id)?.inputPreview ?? ""}\u0000${index.byId.get(id)?.model ?? ""}`).join("\u0001");
  const cached = differenceCache.get(summary);
  if (cached?.key === key) return cached.text;
  const difference = siblingDifference(index, summary.id);
  const text = difference ? differenceText(difference) : null;
  differenceCache.set(summary, { key, text });
  return text;
}

type CardExtras = Pick<ArborNodeData, "awaitingToolOutput" | "sibling" | "difference" | "childCount" | "hiddenCount" | "compactedFrom">;

function cardFor(summary: NodeSummary, direction: LayoutDirection, position: { x: number; y: number }, extras: CardExtras): ArborFlowNode {
  return {
    id: summary.id,
    type: "arbor",
    position,
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    // Every card has the same known size: declaring it lets fitView count cards never rendered (off screen).
    measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
    draggable: false,
    connectable: false,
    ariaLabel: extras.compactedFrom ? `${extras.compactedFrom.text}. ${nodeAriaLabel(summary)}` : nodeAriaLabel(summary),
    handles: handlesByDirection[direction],
    data: { summary, direction, onPath: false, selected: false, ...extras },
  };
}

const HANDLE = 6;
/**
 * Declared handle positions, matching the card's handles. With them React Flow knows where edges attach without
 * rendering every card once to measure it, so a 2,000-node tree paints only the cards in view.
 */
const handlesByDirection: Record<LayoutDirection, NodeHandle[]> = {
  LR: [
    { type: "target", position: Position.Left, x: -HANDLE / 2, y: NODE_HEIGHT / 2 - HANDLE / 2, width: HANDLE, height: HANDLE },
    { type: "source", position: Position.Right, x: NODE_WIDTH - HANDLE / 2, y: NODE_HEIGHT / 2 - HANDLE / 2, width: HANDLE, height: HANDLE },
  ],
  TB: [
    { type: "target", position: Position.Top, x: NODE_WIDTH / 2 - HANDLE / 2, y: -HANDLE / 2, width: HANDLE, height: HANDLE },
    { type: "source", position: Position.Bottom, x: NODE_WIDTH / 2 - HANDLE / 2, y: NODE_HEIGHT - HANDLE / 2, width: HANDLE, height: HANDLE },
  ],
};

function edgeFor(id: string, summary: NodeSummary, running: boolean): ArborFlowEdge {
  return {
    id,
    source: summary.parentId ?? "",
    target: summary.id,
    type: "smoothstep",
    animated: running,
    focusable: false,
    selectable: false,
    data: { onPath: false },
  };
}

/** A `buildGraph` that remembers its last result, so unchanged cards keep their identity from one render to the next. */
export function createGraphBuilder(): (nodes: readonly NodeSummary[], direction: LayoutDirection, collapsed?: ReadonlySet<string>) => ArborGraph {
  let last: ArborGraph | null = null;
  return (nodes, direction, collapsed) => {
    last = buildGraph(nodes, direction, last, collapsed);
    return last;
  };
}
