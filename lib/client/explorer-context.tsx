"use client";

import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import { createExplorerStore, type ExplorerActions, type ExplorerState, type ExplorerStore } from "@/lib/client/explorer-store";

const ExplorerStoreContext = createContext<ExplorerStore | null>(null);

/** One UI store per explorer; the selection starts from the URL and is written back to it (`?node=`). */
export function ExplorerStoreProvider({ initialSelectedId, children }: { initialSelectedId: string | null; children: ReactNode }) {
  const [store] = useState(() => createExplorerStore({ selectedId: initialSelectedId }));

  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.selectedId === previous.selectedId) return;
        const url = new URL(window.location.href);
        if (state.selectedId === null) url.searchParams.delete("node");
        else url.searchParams.set("node", state.selectedId);
        // Replace, not push: moving around the graph should not fill the back button's history.
        window.history.replaceState(window.history.state, "", url);
      }),
    [store],
  );

  return <ExplorerStoreContext.Provider value={store}>{children}</ExplorerStoreContext.Provider>;
}

/** The explorer's store itself, for event handlers that read state without subscribing. */
export function useExplorerStore(): ExplorerStore {
  const store = useContext(ExplorerStoreContext);
  if (!store) throw new Error("useExplorer must be used inside <ExplorerStoreProvider>");
  return store;
}

/** Read one slice of the explorer's UI state; the component re-renders only when that slice changes. */
export function useExplorer<T>(selector: (state: ExplorerState & ExplorerActions) => T): T {
  return useStore(useExplorerStore(), selector);
}
