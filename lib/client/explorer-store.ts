import { createStore } from "zustand/vanilla";
import type { GraphFilter } from "@/lib/tree/filter";
import type { LayoutDirection } from "@/lib/tree/layout";

export type InspectorTab = "answer" | "tools" | "events" | "usage" | "request" | "response";

/** What the composer's next send creates, relative to the selected node. */
export type ComposerMode = "continue" | "root" | "edit";

/** How the centre pane reads the tree: the whole graph, one branch as a transcript, or the selection's siblings side by side. */
export type CentreView = "graph" | "thread" | "siblings";

/** Kinds of node whose inspector tab is remembered apart: a user turn, a turn with tool calls, a failed one. */
export type NodeKind = "message" | "tools" | "failed";

/**
 * UI state of one explorer (one tree): the selection, the inspector's tab, the graph's filter and layout direction,
 * the composer's mode. Server data lives in React Query and live streams in the run store, never here.
 */
export type ExplorerState = {
  selectedId: string | null;
  /** The deepest node the user came up from with the keyboard, so moving down returns along the same branch. */
  trailId: string | null;
  direction: LayoutDirection;
  /** The tab the user picked for the selected node; null until they pick one (the node's kind decides). */
  tab: InspectorTab | null;
  /** The tab last picked for each kind of node: a new selection of that kind opens on it. */
  tabByKind: Partial<Record<NodeKind, InspectorTab>>;
  /** The citation number whose source the Tools tab should show (set by clicking a marker in the answer). */
  citationFocus: number | null;
  composerMode: ComposerMode;
  /** Nodes that used this tool or model stand out; the others are dimmed. */
  graphFilter: GraphFilter | null;
  /** Nodes whose subtrees are folded away in the graph. */
  collapsed: ReadonlySet<string>;
  view: CentreView;
  /** The keyboard shortcuts dialog is open. */
  shortcutsOpen: boolean;
};

export type ExplorerActions = {
  select: (id: string | null, options?: { keepTrail?: boolean }) => void;
  setDirection: (direction: LayoutDirection) => void;
  /** Open a tab; with `kind`, nodes of that kind open on it from now on. */
  setTab: (tab: InspectorTab, kind?: NodeKind) => void;
  /** Open the Tools tab on the tool call that found citation `n`. */
  showCitationSource: (n: number) => void;
  setComposerMode: (mode: ComposerMode) => void;
  setGraphFilter: (filter: GraphFilter | null) => void;
  toggleCollapsed: (id: string) => void;
  setView: (view: CentreView) => void;
  setShortcutsOpen: (open: boolean) => void;
};

export type ExplorerStore = ReturnType<typeof createExplorerStore>;

/** The tab a node opens on: the one picked for it, else the one last picked for its kind, else Answer. */
export function tabFor(state: Pick<ExplorerState, "tab" | "tabByKind">, kind: NodeKind): InspectorTab {
  return state.tab ?? state.tabByKind[kind] ?? "answer";
}

/** A store per explorer, created with the selection read from the URL so a reload restores the view. */
export function createExplorerStore(initial: Partial<Pick<ExplorerState, "selectedId" | "direction" | "view">> = {}) {
  return createStore<ExplorerState & ExplorerActions>()((set) => ({
    selectedId: initial.selectedId ?? null,
    trailId: initial.selectedId ?? null,
    direction: initial.direction ?? "LR",
    tab: null,
    tabByKind: {},
    citationFocus: null,
    composerMode: "continue",
    graphFilter: null,
    collapsed: new Set(),
    view: initial.view ?? "graph",
    shortcutsOpen: false,
    select: (id, options) =>
      set((s) =>
        id === s.selectedId
          ? { trailId: options?.keepTrail && s.trailId !== null ? s.trailId : id }
          : {
              selectedId: id,
              citationFocus: null,
              tab: null,
              trailId: options?.keepTrail && s.trailId !== null ? s.trailId : id,
              // A new selection starts over: the composer continues from it (Edit held the other node's text).
              composerMode: id === null ? "root" : "continue",
            },
      ),
    setDirection: (direction) => set({ direction }),
    setTab: (tab, kind) => set((s) => ({ tab, citationFocus: null, tabByKind: kind ? { ...s.tabByKind, [kind]: tab } : s.tabByKind })),
    showCitationSource: (n) => set({ tab: "tools", citationFocus: n }),
    setComposerMode: (composerMode) => set({ composerMode }),
    setGraphFilter: (graphFilter) => set({ graphFilter }),
    toggleCollapsed: (id) =>
      set((s) => {
        const collapsed = new Set(s.collapsed);
        if (!collapsed.delete(id)) collapsed.add(id);
        return { collapsed };
      }),
    setView: (view) => set({ view }),
    setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  }));
}
