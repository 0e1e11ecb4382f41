import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import type { JsonObject } from "@/lib/responses/json";
import { initialStreamState, reduceStreamEvent, type StreamState } from "@/lib/responses/reducer";
import { outputText } from "@/lib/responses/summary";

// The nodes this browser tab is streaming right now, folded event by event. This is the one place live stream state
// lives: React Query holds what the server has saved, and a node leaves this store once its final version is in the
// query cache. One store per tab (not per explorer), so a stream keeps growing when the user opens another tree and
// comes back.

/** A node being streamed in this tab: its tree, the folded stream, and the answer text so far. */
export type LiveRun = { treeId: string; state: StreamState; text: string };

type RunState = { runs: Readonly<Record<string, LiveRun>> };

const runStore = createStore<RunState>()(() => ({ runs: {} }));

/** Start, fold and end the live runs of this tab (called by node creation, never by components). */
export const liveRuns = {
  start(id: string, treeId: string): void {
    runStore.setState((s) => ({ runs: { ...s.runs, [id]: { treeId, state: initialStreamState, text: "" } } }));
  },
  fold(id: string, event: JsonObject): void {
    runStore.setState((s) => {
      const run = s.runs[id];
      if (!run) return s;
      const state = reduceStreamEvent(run.state, event);
      return { runs: { ...s.runs, [id]: { ...run, state, text: outputText(state.output) } } };
    });
  },
  end(id: string): void {
    runStore.setState((s) => {
      const { [id]: _ended, ...rest } = s.runs;
      return { runs: rest };
    });
  },
  /** Whether this tab is streaming the node (read without subscribing, e.g. in a refetch interval). */
  has(id: string): boolean {
    return id in runStore.getState().runs;
  },
};

/** The live run of one node, or undefined when this tab is not streaming it. */
export function useLiveRun(id: string): LiveRun | undefined {
  return useStore(runStore, (s) => s.runs[id]);
}

/** The answer text a node has streamed so far in this tab (undefined when it is not streaming here). */
export function useLiveText(id: string): string | undefined {
  return useStore(runStore, (s) => s.runs[id]?.text);
}

/** Whether this tab is streaming the node; re-renders only when that changes. */
export function useIsLive(id: string | null): boolean {
  return useStore(runStore, (s) => id !== null && id in s.runs);
}

/** The node this tab is streaming in a tree (the one Stop stops), or null. */
export function useStreamingNodeId(treeId: string): string | null {
  return useStore(runStore, (s) => Object.keys(s.runs).find((id) => s.runs[id]?.treeId === treeId) ?? null);
}
