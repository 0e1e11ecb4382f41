"use client";

import { useParams } from "next/navigation";
import { GRAPH_REGION_ID } from "@/lib/client/focus";

/** The first tab stop of every page: straight to the graph on a tree's page, else to the main pane. */
export function SkipLink() {
  const { treeId } = useParams<{ treeId?: string }>();
  return (
    <a
      href={treeId ? `#${GRAPH_REGION_ID}` : "#main"}
      className="sr-only z-50 rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
    >
      {treeId ? "Skip to the graph" : "Skip to main content"}
    </a>
  );
}
