import { Position, type Edge, type Node, type NodeHandle } from "@xyflow/react";
import type { NodeSummary } from "@/lib/contracts/nodes";
import type { LayoutDirection, LayoutOptions } from "@/lib/tree/layout";
import { nodeAriaLabel } from "@/lib/tree/node-status";
import type { SiblingPosition } from "@/lib/tree/siblings";

// What React Flow is handed: the card and edge objects, and the active path's highlight. The tree's model, which
// builds them, is in graph-model.ts.

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

/** A rectangle in graph coordinates. */
export type GraphRect = { x0: number; y0: number; x1: number; y1: number };

/** The layout's sizes for cards of this size, in a direction. */
export const layoutOptions = (direction: LayoutDirection): LayoutOptions => ({ direction, nodeWidth: NODE_WIDTH, nodeHeight: NODE_HEIGHT, siblingGap: SIBLING_GAP, levelGap: LEVEL_GAP });

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

export type CardExtras = Pick<ArborNodeData, "awaitingToolOutput" | "sibling" | "difference" | "childCount" | "hiddenCount" | "compactedFrom">;

export function cardFor(summary: NodeSummary, direction: LayoutDirection, position: { x: number; y: number }, extras: CardExtras): ArborFlowNode {
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

/** `card` at another position (what `cardFor` would build, without building its label and data again). */
export function movedCard(card: ArborFlowNode, x: number, y: number): ArborFlowNode {
  return {
    id: card.id,
    type: card.type,
    position: { x, y },
    width: card.width,
    height: card.height,
    measured: card.measured,
    draggable: false,
    connectable: false,
    ariaLabel: card.ariaLabel,
    handles: card.handles,
    data: card.data,
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

export function edgeFor(source: string, summary: NodeSummary, running: boolean): ArborFlowEdge {
  return {
    id: `${source}->${summary.id}`,
    source,
    target: summary.id,
    type: "smoothstep",
    animated: running,
    focusable: false,
    selectable: false,
    data: { onPath: false },
  };
}
