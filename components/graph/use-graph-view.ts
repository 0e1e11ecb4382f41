"use client";

import { useReactFlow, useStore as useFlowStore } from "@xyflow/react";
import { useEffect, useMemo, useRef, useState, type RefObject } from "react";
import type { NodeSummary } from "@/lib/contracts/nodes";
import type { LayoutDirection } from "@/lib/tree/layout";
import type { TreeIndex } from "@/lib/tree/tree-index";
import { NODE_HEIGHT, NODE_WIDTH, type ArborFlowNode, type GraphRect } from "./flow";
import { createGraphBuilder } from "./graph-builder";
import { boundsOf, type GraphModel } from "./graph-model";

// The graph's view of the tree: which model it draws, which part of it React Flow holds, and keeping the selection
// in view.

/** The window is the view rounded out to tiles of this many screen pixels, plus one tile all round. */
const WINDOW_TILE = 512;
/** How far from the view's edges a card brought into view ends up, in screen pixels. */
const SELECTION_MARGIN = 24;
/**
 * The tree's model for the graph: built in the render when that is cheap, else (a big tree's new layout) over several
 * tasks, the last model standing in meanwhile, so a node added to a 10,000-node tree blocks no frame for long.
 */
export function useGraphModel(nodes: readonly NodeSummary[], direction: LayoutDirection, collapsed: ReadonlySet<string>, index: TreeIndex): GraphModel {
  const [builder] = useState(createGraphBuilder);
  const now = useMemo(() => builder.now(nodes, direction, collapsed, index), [builder, nodes, direction, collapsed, index]);
  const [later, setLater] = useState<GraphModel | null>(null);
  useEffect(() => {
    if (now === null) builder.later(nodes, direction, collapsed, index, setLater);
  }, [now, builder, nodes, direction, collapsed, index]);
  useEffect(() => () => builder.stop(), [builder]);
  // `now` is null only after a first model: there is always a last one (the newest laid out, maybe of older nodes).
  return now ?? (later !== null && later.input === nodes ? later : builder.last()!);
}

/**
 * The part of the graph React Flow is handed when `windowed`, or null for all of it: the view rounded out to tiles
 * (so a pan changes it only every few hundred pixels) with a tile's margin all round. Until the first fit has run,
 * the cards it fits (`fitNodes`), with the same margin, so that React Flow holds them to fit.
 */
export function useWindowRect(windowed: boolean, model: GraphModel, fitNodes: readonly { id: string }[] | undefined): GraphRect | null {
  const key = useFlowStore((s) => (!windowed ? "" : s.fitViewQueued || s.width === 0 || s.height === 0 ? "fit" : windowKey(s.transform, s.width, s.height)));
  const fitIds = useMemo(() => (fitNodes ? new Set(fitNodes.map((node) => node.id)) : null), [fitNodes]);
  // Until the fit has run, its rectangle follows the model (a node added meanwhile moves the cards to fit).
  const fitModel = key === "fit" ? model : null;
  return useMemo(() => {
    if (key === "") return null;
    if (key === "fit") {
      const bounds = fitModel ? boundsOf(fitModel, fitIds) : null;
      const margin = WINDOW_TILE * 2;
      return bounds ? { x0: bounds.x0 - margin, y0: bounds.y0 - margin, x1: bounds.x1 + margin, y1: bounds.y1 + margin } : null;
    }
    return rectOfKey(key);
  }, [key, fitModel, fitIds]);
}

/** The tiles around the view, as a key that changes only when the view reaches another tile or zoom level. */
function windowKey([tx, ty, zoom]: [number, number, number], width: number, height: number): string {
  const level = Math.floor(Math.log2(zoom));
  const tile = WINDOW_TILE / 2 ** level;
  const x0 = -tx / zoom;
  const y0 = -ty / zoom;
  const col = (v: number) => Math.floor(v / tile);
  return `${level} ${col(x0) - 1} ${col(y0) - 1} ${col(x0 + width / zoom) + 1} ${col(y0 + height / zoom) + 1}`;
}

function rectOfKey(key: string): GraphRect {
  const [level = 0, c0 = 0, r0 = 0, c1 = 0, r1 = 0] = key.split(" ").map(Number);
  const tile = WINDOW_TILE / 2 ** level;
  return { x0: c0 * tile, y0: r0 * tile, x1: (c1 + 1) * tile, y1: (r1 + 1) * tile };
}

/**
 * When the selection changes (keyboard, a new node, a link), pan to it if it is off screen,
 * and move keyboard focus onto it if focus was in the graph.
 */
export function useKeepSelectionInView(
  selectedId: string | null,
  at: { x: number; y: number } | null,
  containerRef: RefObject<HTMLDivElement | null>,
  userMovingRef: RefObject<boolean>,
) {
  const flow = useReactFlow<ArborFlowNode>();
  const width = useFlowStore((s) => s.width);
  const height = useFlowStore((s) => s.height);
  // The first view belongs to fitView; only later changes (a new selection, a moved card) pan.
  const settledRef = useRef(false);
  const shownId = at ? selectedId : null;
  const cardX = at?.x ?? 0;
  const cardY = at?.y ?? 0;

  useEffect(() => {
    if (width === 0 || height === 0) return;
    const first = !settledRef.current;
    settledRef.current = true;
    if (first || shownId === null || userMovingRef.current) return;
    const { x, y, zoom } = flow.getViewport();
    // Pan only as far as the card needs to be whole on screen (with a margin), as scrolling into view does, so the
    // cards around it (its parent, most often) stay in view; a card too big for the view is centred.
    const nearest = (start: number, size: number, room: number) =>
      size + 2 * SELECTION_MARGIN > room ? room / 2 - start - size / 2 : start < SELECTION_MARGIN ? SELECTION_MARGIN - start : start + size > room - SELECTION_MARGIN ? room - SELECTION_MARGIN - start - size : 0;
    const left = cardX * zoom + x;
    const top = cardY * zoom + y;
    const visible = left >= 0 && top >= 0 && left + NODE_WIDTH * zoom <= width && top + NODE_HEIGHT * zoom <= height;
    if (!visible) void flow.setViewport({ x: x + nearest(left, NODE_WIDTH * zoom, width), y: y + nearest(top, NODE_HEIGHT * zoom, height), zoom }, { duration: 250 });
    // Focus that was on a card's own button (the sibling switcher) comes back to the graph, its one tab stop.
    const container = containerRef.current;
    if (container && container.contains(document.activeElement) && document.activeElement !== container) container.focus({ preventScroll: true });
  }, [shownId, cardX, cardY, flow, width, height, containerRef, userMovingRef]);
}
