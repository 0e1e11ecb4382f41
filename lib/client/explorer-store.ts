import { createStore } from "zustand/vanilla";
import type { JsonObject } from "@/lib/responses/json";
import { initialStreamState, reduceStreamEvent, type StreamState } from "@/lib/responses/reducer";
import { outputText } from "@/lib/responses/summary";
import type { GraphFilter } from "@/lib/tree/filter";
import type { LayoutDirection } from "@/lib/tree/layout";

export type InspectorTab = "answer" | "tools" | "events" | "usage" | "request" | "response";

/** What the composer's next send creates, relative to the selected node. */
export type ComposerMode = "continue" | "root" | "edit";

/** A node being streamed in this tab: the folded stream and the answer text so far. */
export type LiveNode = { state: StreamState; text: string };

/** UI state of one explorer (one tree). Server data lives in React Query, never here. */
export type ExplorerState = {
  selectedId: string | null;
  /** The deepest node the user came up from with the keyboard, so moving down returns along the same branch. */
  trailId: string | null;
  direction: LayoutDirection;
  tab: InspectorTab;
  composerMode: ComposerMode;
  live: Readonly<Record<string, LiveNode>>;
  /** The citation number whose source the Tools tab should show (set by clicking a marker in the answer). */
  citationFocus: number | null;
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
  startLive: (id: string) => void;
  foldLive: (id: string, event: JsonObject) => void;
  endLive: (id: string) => void;
};

export type ExplorerStore = ReturnType<typeof createExplorerStore>;

/** A store per explorer, created with the selection read from the URL so a reload restores the view. */
export function createExplorerStore(initial: Partial<Pick<ExplorerState, "selectedId" | "direction">> = {}) {
  return createStore<ExplorerState & ExplorerActions>()((set) => ({
    selectedId: initial.selectedId ?? null,
    trailId: initial.selectedId ?? null,
    direction: initial.direction ?? "LR",
    tab: "answer",
    composerMode: "continue",
    live: {},
    citationFocus: null,
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
    startLive: (id) => set((s) => ({ live: { ...s.live, [id]: { state: initialStreamState, text: "" } } })),
    foldLive: (id, event) =>
      set((s) => {
        const state = reduceStreamEvent(s.live[id]?.state ?? initialStreamState, event);
        return { live: { ...s.live, [id]: { state, text: outputText(state.output) } } };
      }),
    endLive: (id) =>
      set((s) => {
        const { [id]: _ended, ...rest } = s.live;
        return { live: rest };
      }),
  }));
}
