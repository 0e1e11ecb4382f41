import { createStore } from "zustand/vanilla";
import type { GraphFilter } from "@/lib/tree/filter";
import type { LayoutDirection } from "@/lib/tree/layout";

export type InspectorTab = "answer" | "tools" | "events" | "usage" | "request" | "response";

/** What the composer's next send creates, relative to the selected node. */
export type ComposerMode = "continue" | "root" | "edit";

/**
 * UI state of one explorer (one tree): the selection, the inspector's tab, the graph's filter and layout direction,
 * the composer's mode. Server data lives in React Query and live streams in the run store, never here.
 */
export type ExplorerState = {
  selectedId: string | null;
  /** The deepest node the user came up from with the keyboard, so moving down returns along the same branch. */
  trailId: string | null;
  direction: LayoutDirection;
  tab: InspectorTab;
  /** The citation number whose source the Tools tab should show (set by clicking a marker in the answer). */
  citationFocus: number | null;
  composerMode: ComposerMode;
  /** Nodes that used this tool or model stand out; the others are dimmed. */
  graphFilter: GraphFilter | null;
};

export type ExplorerActions = {
  select: (id: string | null, options?: { keepTrail?: boolean }) => void;
  setDirection: (direction: LayoutDirection) => void;
  setTab: (tab: InspectorTab) => void;
  /** Open the Tools tab on the tool call that found citation `n`. */
  showCitationSource: (n: number) => void;
  setComposerMode: (mode: ComposerMode) => void;
  setGraphFilter: (filter: GraphFilter | null) => void;
};

export type ExplorerStore = ReturnType<typeof createExplorerStore>;

/** A store per explorer, created with the selection read from the URL so a reload restores the view. */
export function createExplorerStore(initial: Partial<Pick<ExplorerState, "selectedId" | "direction">> = {}) {
  return createStore<ExplorerState & ExplorerActions>()((set) => ({
    selectedId: initial.selectedId ?? null,
    trailId: initial.selectedId ?? null,
    direction: initial.direction ?? "LR",
    tab: "answer",
    citationFocus: null,
    composerMode: "continue",
    graphFilter: null,
    select: (id, options) =>
      set((s) => ({
        selectedId: id,
        citationFocus: null,
        trailId: options?.keepTrail && s.trailId !== null ? s.trailId : id,
        composerMode: s.composerMode === "root" && id !== null ? "continue" : s.composerMode,
      })),
    setDirection: (direction) => set({ direction }),
    setTab: (tab) => set({ tab, citationFocus: null }),
    showCitationSource: (n) => set({ tab: "tools", citationFocus: n }),
    setComposerMode: (composerMode) => set({ composerMode }),
    setGraphFilter: (graphFilter) => set({ graphFilter }),
  }));
}
