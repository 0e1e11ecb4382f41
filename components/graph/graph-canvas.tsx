"use client";

import {
  Background,
  BackgroundVariant,
  MiniMap,
  ReactFlow,
  getViewportForBounds,
  useReactFlow,
  useStore as useFlowStore,
  useStoreApi,
  type NodeMouseHandler,
  type NodeTypes,
} from "@xyflow/react";
import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { NodeSummary } from "@/lib/contracts/nodes";
import { moveForKey, neighbour, pathTo, type TreeIndex } from "@/lib/tree/tree-index";
import { highlightPath, type ArborFlowNode } from "./flow";
import { boundsOf, graphOf, positionOf, windowOf } from "./graph-model";
import { useGraphModel, useKeepSelectionInView, useWindowRect } from "./use-graph-view";
import { useTheme } from "@/lib/client/theme";
import { itemDefinition, toolCallTypes } from "@/lib/responses/items";
import { filterChoices, filterFromValue, filterToValue } from "@/lib/tree/filter";
import { IconButton, focusRing } from "@/components/ui/button";
import { FitViewIcon, LayoutLeftRightIcon, LayoutTopDownIcon, MapIcon, ZoomInIcon, ZoomOutIcon } from "@/components/ui/icons";
import { useExplorer, useExplorerStore } from "@/lib/client/explorer-context";
import { GRAPH_REGION_ID, focusInspector } from "@/lib/client/focus";
import { NodeCard } from "./node-card";

// Module scope: a new object on every render would make React Flow remount every node.
const nodeTypes: NodeTypes = { arbor: NodeCard };
// includeHiddenNodes: fit by the declared card size, so cards not yet rendered (off screen) count too.
const FIT_VIEW = { padding: { top: "28px", left: "28px", right: "28px", bottom: "28px" }, maxZoom: 1, includeHiddenNodes: true } as const;
/** With the minimap shown, a fit leaves its corner free so it covers no card. */
const FIT_VIEW_WITH_MAP = { ...FIT_VIEW, padding: { ...FIT_VIEW.padding, bottom: "150px" } } as const;
/** Below this zoom, cards drop their text: unreadable anyway, and cheaper to paint by the thousand. */
const FAR_ZOOM = 0.2;
const MIN_ZOOM = 0.05;
/** Below this zoom, cards show a short title and badges in large type instead of their details (level of detail). */
const LOD_ZOOM = 0.6;
/** The minimap starts shown for trees bigger than this… */
const MINIMAP_FROM = 12;
/**
 * …up to this size: it draws every node and redraws on each pan, which for 2,000 nodes cost a second before the first
 * pan (tests/bench/large-tree.mjs); bigger trees start without it, one click away.
 */
const MINIMAP_UNTIL = 500;
/** Above this many nodes, the first view fits the selection's neighbourhood rather than a whole tree too small to read. */
const FIT_ALL_LIMIT = 60;
/**
 * Above this many nodes (and with the minimap hidden), React Flow is handed only the cards in and around the view
 * (`windowOf`): each change it is handed costs it time in proportion to all the nodes it holds (its lookups are
 * rebuilt), 30 ms a change for 10,000 nodes, and only a window's worth of cards is ever built.
 */
const WINDOW_FROM = 500;

/** The tree as a pannable, zoomable tidy-tree graph, with keyboard navigation along its branches. */
export function GraphCanvas({ nodes, index }: { nodes: readonly NodeSummary[]; index: TreeIndex }) {
  const store = useExplorerStore();
  const direction = useExplorer((s) => s.direction);
  const selectedId = useExplorer((s) => s.selectedId);
  const select = useExplorer((s) => s.select);
  const collapsed = useExplorer((s) => s.collapsed);
  const theme = useTheme();
  const far = useFlowStore((s) => s.transform[2] < FAR_ZOOM);
  const lod = useFlowStore((s) => s.transform[2] < LOD_ZOOM);
  const flow = useReactFlow<ArborFlowNode>();
  const flowStore = useStoreApi<ArborFlowNode>();
  const containerRef = useRef<HTMLDivElement>(null);
  const [minimap, setMinimap] = useState(nodes.length > MINIMAP_FROM && nodes.length <= MINIMAP_UNTIL);
  // While the user pans or zooms, nothing moves the view for them.
  const userMovingRef = useRef(false);

  const model = useGraphModel(nodes, direction, collapsed, index);
  const path = useMemo(() => pathTo(index, selectedId), [index, selectedId]);
  const selected = selectedId === null ? undefined : index.byId.get(selectedId);

  const selectedAt = useMemo(() => positionOf(model, selectedId), [model, selectedId]);
  useKeepSelectionInView(selectedId, selectedAt, containerRef, userMovingRef);
  const fitOptions = minimap ? FIT_VIEW_WITH_MAP : FIT_VIEW;

  // Only read on the first fit (React Flow ignores later changes to fitViewOptions).
  const [initialFit] = useState(() => {
    if (nodes.length <= FIT_ALL_LIMIT) return fitOptions;
    // A wide tree fitted whole is unreadable (and paints hundreds of cards): start on a neighbourhood instead, the
    // selected node with its parent and children, or with no selection the first root's top levels.
    const focus =
      selectedId !== null && path.length > 0
        ? [...path.slice(-2), ...(index.children.get(selectedId) ?? [])]
        : topLevels(index, FIT_ALL_LIMIT / 4);
    return { ...fitOptions, nodes: focus.map((id) => ({ id })) };
  });
  const windowed = nodes.length > WINDOW_FROM && !minimap;
  const windowRect = useWindowRect(windowed, model, "nodes" in initialFit ? initialFit.nodes : undefined);
  const base = useMemo(() => (windowRect ? windowOf(model, windowRect) : graphOf(model)), [model, windowRect]);
  const graph = useMemo(() => highlightPath(base, path, selectedId), [base, path, selectedId]);

  function fitAll() {
    if (!windowed) return void flow.fitView({ ...fitOptions, duration: 300 });
    // React Flow holds only the window: fit the whole tree's rectangle instead.
    const bounds = boundsOf(model);
    const { width, height } = flowStore.getState();
    if (!bounds || width === 0 || height === 0) return;
    const box = { x: bounds.x0, y: bounds.y0, width: bounds.x1 - bounds.x0, height: bounds.y1 - bounds.y0 };
    void flow.setViewport(getViewportForBounds(box, width, height, MIN_ZOOM, fitOptions.maxZoom, fitOptions.padding), { duration: 300 });
  }

  const onNodeClick: NodeMouseHandler<ArborFlowNode> = (_event, node) => {
    select(node.id);
  };

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const current = store.getState().selectedId;
    const move = moveForKey(event.key, store.getState().direction);
    if (move) {
      event.preventDefault();
      if (current === null || !index.byId.has(current)) {
        const first = index.roots[0];
        if (first) select(first);
        return;
      }
      const trail = store.getState().trailId;
      const target = neighbour(index, current, move, trail);
      if (target === null) return;
      // Walking up or back down the remembered branch keeps the trail; any other move starts a new one.
      select(target, { keepTrail: pathTo(index, trail).includes(target) });
      return;
    }
    if (event.key === "Enter" && current !== null) {
      event.preventDefault();
      store.getState().setTab("answer");
      focusInspector();
    } else if ((event.key === "c" || event.key === "C") && !event.shiftKey && current !== null && (index.children.get(current)?.length ?? 0) > 0) {
      event.preventDefault();
      store.getState().toggleCollapsed(current);
    }
  }

  return (
    <div className="flex h-full w-full flex-col">
    <GraphToolbar
      nodes={nodes}
      minimap={minimap}
      onMinimap={() => setMinimap((shown) => !shown)}
      onFit={fitAll}
      onZoomIn={() => void flow.zoomIn({ duration: 200 })}
      onZoomOut={() => void flow.zoomOut({ duration: 200 })}
    />
    <div
      ref={containerRef}
      id={GRAPH_REGION_ID}
      tabIndex={0}
      role="region"
      aria-label="Conversation graph. Arrow keys move between parent, child and sibling nodes; Enter opens the node in the inspector; C folds its subtree; press ? for every shortcut."
      aria-describedby="graph-selection"
      onKeyDown={onKeyDown}
      className={`arbor-graph relative min-h-0 w-full flex-1 outline-none ${far ? "arbor-far" : ""} ${lod ? "arbor-lod" : ""}`}
    >
      <ReactFlow<ArborFlowNode>
        nodes={graph.nodes}
        edges={graph.edges}
        nodeTypes={nodeTypes}
        onNodeClick={onNodeClick}
        onMoveStart={(event) => {
          if (event) userMovingRef.current = true;
        }}
        onMoveEnd={() => {
          userMovingRef.current = false;
        }}
        colorMode={theme}
        fitView
        fitViewOptions={initialFit}
        minZoom={MIN_ZOOM}
        maxZoom={1.5}
        onlyRenderVisibleElements
        nodesDraggable={false}
        nodesConnectable={false}
        // The graph is one tab stop (the region): cards are reached with the arrow keys, not Tab.
        nodesFocusable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        zoomOnDoubleClick={false}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1} />
        {minimap ? (
          <MiniMap
            pannable
            zoomable
            ariaLabel="Minimap of the whole tree"
            nodeColor={(node) => ((node as ArborFlowNode).data.onPath ? "var(--color-indigo-400)" : "var(--color-zinc-400)")}
            nodeStrokeWidth={0}
            className="!m-2 !h-[120px] !w-[180px] rounded-md border border-zinc-200 dark:border-zinc-800"
          />
        ) : null}
      </ReactFlow>
      <p id="graph-selection" className="sr-only" aria-live="polite">
        {selected ? `Selected: ${selected.inputPreview || "node"}. ${selected.status.replace("_", " ")}.` : "No node selected."}
      </p>
    </div>
    </div>
  );
}

/** The first root and its descendants in breadth-first order, at most `limit` of them. */
function topLevels(index: TreeIndex, limit: number): string[] {
  const first = index.roots[0];
  const queue = first === undefined ? [] : [first];
  const out: string[] = [];
  while (queue.length && out.length < limit) {
    const id = queue.shift()!;
    out.push(id);
    queue.push(...(index.children.get(id) ?? []));
  }
  return out;
}

/** Highlight the nodes that used a tool type or a model; the others are dimmed. */
function GraphFilterSelect({ nodes }: { nodes: readonly NodeSummary[] }) {
  const filter = useExplorer((s) => s.graphFilter);
  const setFilter = useExplorer((s) => s.setGraphFilter);
  const choices = useMemo(() => filterChoices(nodes, (type) => toolCallTypes([type]).length > 0), [nodes]);
  return (
    <label className="flex items-center">
      <span className="sr-only">Highlight nodes</span>
      <select
        value={filterToValue(filter)}
        onChange={(event) => setFilter(filterFromValue(event.target.value))}
        className={`h-7 max-w-40 rounded-md border-0 bg-transparent pr-6 pl-2 text-xs text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800 ${focusRing} ${filter ? "font-medium text-indigo-700 dark:text-indigo-300" : ""}`}
      >
        <option value="">All nodes</option>
        {choices.tools.length ? (
          <optgroup label="Used a tool">
            {choices.tools.map(([type, count]) => (
              <option key={type} value={filterToValue({ kind: "tool", type })}>
                {itemDefinition(type).label} ({count})
              </option>
            ))}
          </optgroup>
        ) : null}
        <optgroup label="Answered by">
          {choices.models.map(([model, count]) => (
            <option key={model} value={filterToValue({ kind: "model", model })}>
              {model} ({count})
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}

type ToolbarProps = {
  nodes: readonly NodeSummary[];
  minimap: boolean;
  onMinimap: () => void;
  onFit: () => void;
  onZoomIn: () => void;
  onZoomOut: () => void;
};

/** Above the graph, not over it: filter, layout direction, zoom, fit and the minimap, covering no card. */
function GraphToolbar({ nodes, minimap, onMinimap, onFit, onZoomIn, onZoomOut }: ToolbarProps) {
  const direction = useExplorer((s) => s.direction);
  const setDirection = useExplorer((s) => s.setDirection);
  return (
    <div role="toolbar" aria-label="Graph" className="flex h-9 shrink-0 items-center justify-end gap-0.5 border-b border-zinc-200 bg-white px-2 dark:border-zinc-800 dark:bg-zinc-950">
      <GraphFilterSelect nodes={nodes} />
      <span aria-hidden="true" className="mx-0.5 h-4 w-px bg-zinc-200 dark:bg-zinc-800" />
      <div role="group" aria-label="Layout direction" className="flex items-center gap-0.5">
        <IconButton label="Layout left to right" pressed={direction === "LR"} onClick={() => setDirection("LR")}>
          <LayoutLeftRightIcon />
        </IconButton>
        <IconButton label="Layout top down" pressed={direction === "TB"} onClick={() => setDirection("TB")}>
          <LayoutTopDownIcon />
        </IconButton>
      </div>
      <span aria-hidden="true" className="mx-0.5 h-4 w-px bg-zinc-200 dark:bg-zinc-800" />
      <IconButton label="Zoom out" onClick={onZoomOut}>
        <ZoomOutIcon />
      </IconButton>
      <IconButton label="Zoom in" onClick={onZoomIn}>
        <ZoomInIcon />
      </IconButton>
      <IconButton label="Fit view" onClick={onFit}>
        <FitViewIcon />
      </IconButton>
      <IconButton label="Minimap" pressed={minimap} onClick={onMinimap}>
        <MapIcon />
      </IconButton>
    </div>
  );
}
