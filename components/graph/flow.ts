import { Position, type Edge, type Node, type NodeHandle } from "@xyflow/react";
import type { NodeSummary } from "@/lib/contracts/nodes";
import { layoutTree, type LayoutDirection } from "@/lib/tree/layout";
import { awaitsToolOutput, isRunning, nodeAriaLabel } from "@/lib/tree/node-status";

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
};
export type ArborFlowNode = Node<ArborNodeData, "arbor">;
export type ArborFlowEdge = Edge<{ onPath: boolean }>;
export type ArborGraph = { nodes: ArborFlowNode[]; edges: ArborFlowEdge[] };

/**
 * Cards and edges for a tree, laid out as a tidy tree; highlighting is applied separately by `highlightPath`.
 * Pass the previous result to keep the objects of unchanged cards, so React Flow re-renders only what changed.
 */
export function buildGraph(
  nodes: readonly NodeSummary[],
  direction: LayoutDirection,
  previous: ArborGraph | null = null,
): ArborGraph {
  const positions = layoutTree(nodes, {
    direction,
    nodeWidth: NODE_WIDTH,
    nodeHeight: NODE_HEIGHT,
    siblingGap: SIBLING_GAP,
    levelGap: LEVEL_GAP,
  });
  const oldNodes = new Map(previous?.nodes.map((node) => [node.id, node]));
  const hasChildren = new Set(nodes.map((node) => node.parentId));
  const oldEdges = new Map(previous?.edges.map((edge) => [edge.id, edge]));
  const ids = new Set(nodes.map((node) => node.id));

  const flowNodes: ArborFlowNode[] = [];
  const flowEdges: ArborFlowEdge[] = [];
  for (const summary of nodes) {
    const position = positions.get(summary.id) ?? { x: 0, y: 0 };
    const old = oldNodes.get(summary.id);
    const awaiting = awaitsToolOutput(summary, hasChildren.has(summary.id));
    const unchanged =
      old?.data.summary === summary &&
      old.data.awaitingToolOutput === awaiting &&
      old.data.direction === direction &&
      !old.data.onPath &&
      old.position.x === position.x &&
      old.position.y === position.y;
    flowNodes.push(unchanged && old ? old : cardFor(summary, direction, position, awaiting));

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

function cardFor(summary: NodeSummary, direction: LayoutDirection, position: { x: number; y: number }, awaitingToolOutput: boolean): ArborFlowNode {
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
    ariaLabel: nodeAriaLabel(summary),
    handles: handlesByDirection[direction],
    data: { summary, awaitingToolOutput, direction, onPath: false, selected: false },
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
export function createGraphBuilder(): (nodes: readonly NodeSummary[], direction: LayoutDirection) => ArborGraph {
  let last: ArborGraph | null = null;
  return (nodes, direction) => {
    last = buildGraph(nodes, direction, last);
    return last;
  };
}
