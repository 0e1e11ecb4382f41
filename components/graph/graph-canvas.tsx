"use client";

import {
  Background,
  BackgroundVariant,
  Panel,
  ReactFlow,
  useReactFlow,
  useStore as useFlowStore,
  type NodeMouseHandler,
  type NodeTypes,
} from "@xyflow/react";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import type { NodeSummary } from "@/lib/contracts/nodes";
import { moveForKey, neighbour, pathTo, type TreeIndex } from "@/lib/tree/tree-index";
import { NODE_HEIGHT, NODE_WIDTH, createGraphBuilder, highlightPath, type ArborFlowNode } from "./flow";
import { useTheme } from "@/lib/client/theme";
import { itemDefinition, toolCallTypes } from "@/lib/responses/items";
import { filterChoices, filterFromValue, filterToValue } from "@/lib/tree/filter";
import { IconButton, focusRing } from "@/components/ui/button";
import { FitViewIcon, LayoutLeftRightIcon, LayoutTopDownIcon } from "@/components/ui/icons";
import { useExplorer, useExplorerStore } from "@/lib/client/explorer-context";
import { focusComposer, focusInspector } from "@/lib/client/focus";
import { NodeCard } from "./node-card";

// Module scope: a new object on every render would make React Flow remount every node.
const nodeTypes: NodeTypes = { arbor: NodeCard };
// includeHiddenNodes: fit by the declared card size, so cards not yet rendered (off screen) count too.
const FIT_VIEW = { padding: 0.2, maxZoom: 1, includeHiddenNodes: true } as const;
/** Below this zoom, cards drop their text: unreadable anyway, and cheaper to paint by the thousand. */
const FAR_ZOOM = 0.2;
/** Above this many nodes, the first view fits the selection's neighbourhood rather than a whole tree too small to read. */
const FIT_ALL_LIMIT = 60;

/** The tree as a pannable, zoomable tidy-tree graph, with keyboard navigation along its branches. */
export function GraphCanvas({ nodes, index }: { nodes: readonly NodeSummary[]; index: TreeIndex }) {
  const store = useExplorerStore();
  const direction = useExplorer((s) => s.direction);
  const selectedId = useExplorer((s) => s.selectedId);
  const select = useExplorer((s) => s.select);
  const theme = useTheme();
  const far = useFlowStore((s) => s.transform[2] < FAR_ZOOM);
  const flow = useReactFlow<ArborFlowNode>();
  const containerRef = useRef<HTMLDivElement>(null);

  const [build] = useState(createGraphBuilder);
  const base = useMemo(() => build(nodes, direction), [build, nodes, direction]);
  const path = useMemo(() => pathTo(index, selectedId), [index, selectedId]);
  const graph = useMemo(() => highlightPath(base, path, selectedId), [base, path, selectedId]);
  const selected = selectedId === null ? undefined : index.byId.get(selectedId);

  const selectedCard = useMemo(() => base.nodes.find((node) => node.id === selectedId), [base, selectedId]);
  useKeepSelectionInView(selectedCard, containerRef);

  // Only read on the first fit (React Flow ignores later changes to fitViewOptions).
  const [initialFit] = useState(() => {
    if (nodes.length <= FIT_ALL_LIMIT) return FIT_VIEW;
    // A wide tree fitted whole is unreadable (and paints hundreds of cards): start on a neighbourhood instead, the
    // selected node with its parent and children, or with no selection the first root's top levels.
    const focus =
      selectedId !== null && path.length > 0
        ? [...path.slice(-2), ...(index.children.get(selectedId) ?? [])]
        : topLevels(index, FIT_ALL_LIMIT / 4);
    return { ...FIT_VIEW, nodes: focus.map((id) => ({ id })) };
  });

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
    } else if ((event.key === "f" || event.key === "F") && !event.shiftKey) {
      event.preventDefault();
      store.getState().setComposerMode(current === null ? "root" : "continue");
      focusComposer();
    }
  }

  return (
    <div
      ref={containerRef}
      tabIndex={0}
      role="region"
      aria-label="Conversation graph. Arrow keys move between parent, child and sibling nodes; Enter opens the node in the inspector; F forks from it."
      aria-describedby="graph-selection"
      onKeyDown={onKeyDown}
      className={`relative h-full w-full outline-none ${far ? "arbor-far" : ""} focus-visible:ring-2 focus-visible:ring-indigo-500/60 focus-visible:ring-inset`}
    >
      <ReactFlow<ArborFlowNode>
        nodes={graph.nodes}
        edges={graph.edges}
        nodeTypes={nodeTypes}
        onNodeClick={onNodeClick}
        colorMode={theme}
        fitView
        fitViewOptions={initialFit}
        minZoom={0.05}
        maxZoom={1.5}
        onlyRenderVisibleElements
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        zoomOnDoubleClick={false}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1} />
        <Panel position="top-right">
          <GraphToolbar nodes={nodes} onFit={() => void flow.fitView({ ...FIT_VIEW, duration: 300 })} />
        </Panel>
      </ReactFlow>
      <p id="graph-selection" className="sr-only" aria-live="polite">
        {selected ? `Selected: ${selected.inputPreview || "node"}. ${selected.status.replace("_", " ")}.` : "No node selected."}
      </p>
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

function GraphToolbar({ nodes, onFit }: { nodes: readonly NodeSummary[]; onFit: () => void }) {
  const direction = useExplorer((s) => s.direction);
  const setDirection = useExplorer((s) => s.setDirection);
  return (
    <div className="flex items-center gap-0.5 rounded-lg border border-zinc-200 bg-white/90 p-0.5 shadow-xs backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/90">
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
      <IconButton label="Fit view" onClick={onFit}>
        <FitViewIcon />
      </IconButton>
    </div>
  );
}

/**
 * When the selection changes (keyboard, a new node, a link), pan to it if it is off screen,
 * and move keyboard focus onto it if focus was in the graph.
 */
function useKeepSelectionInView(card: ArborFlowNode | undefined, containerRef: RefObject<HTMLDivElement | null>) {
  const flow = useReactFlow<ArborFlowNode>();
  const width = useFlowStore((s) => s.width);
  const height = useFlowStore((s) => s.height);
  // The first view belongs to fitView; only later changes (a new selection, a moved card) pan.
  const settledRef = useRef(false);
  const selectedId = card?.id ?? null;
  const cardX = card?.position.x ?? 0;
  const cardY = card?.position.y ?? 0;

  useEffect(() => {
    if (width === 0 || height === 0) return;
    const first = !settledRef.current;
    settledRef.current = true;
    if (first || selectedId === null) return;
    const { x, y, zoom } = flow.getViewport();
    const left = cardX * zoom + x;
    const top = cardY * zoom + y;
    const visible = left >= 0 && top >= 0 && left + NODE_WIDTH * zoom <= width && top + NODE_HEIGHT * zoom <= height;
    if (!visible) {
      void flow.setCenter(cardX + NODE_WIDTH / 2, cardY + NODE_HEIGHT / 2, { zoom, duration: 250 });
    }
    const container = containerRef.current;
    if (container && container.contains(document.activeElement) && document.activeElement !== container) {
      // The card element exists only once it is inside the viewport (onlyRenderVisibleElements).
      const frame = window.requestAnimationFrame(() => {
        container.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(selectedId)}"]`)?.focus({ preventScroll: true });
      });
      return () => window.cancelAnimationFrame(frame);
    }
  }, [selectedId, cardX, cardY, flow, width, height, containerRef]);
}
