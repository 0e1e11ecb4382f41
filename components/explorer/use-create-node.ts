"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { api, createNodeStreaming, type CreateNodeBody } from "@/lib/api/client";
import type { NodeDetail, NodeSummary } from "@/lib/tree/types";
import { queryKeys, upsertNodeInCache } from "@/lib/ui/queries";
import { useExplorerStore } from "./store-context";

/** What the caller learns once a creation settles. */
export type CreateOutcome = { node: NodeDetail } | { node: NodeSummary | null; error: Error };

/**
 * Create a node and stream it: the saved node enters the graph (and is selected) at once,
 * its text grows live in the card and the inspector, and the final node replaces it at the end.
 */
export function useCreateNode(treeId: string) {
  const client = useQueryClient();
  const store = useExplorerStore();
  const [runningId, setRunningId] = useState<string | null>(null);

  const create = useCallback(
    async (body: CreateNodeBody): Promise<CreateOutcome> => {
      // Set from the stream's callback; an object, so TypeScript does not narrow it to its initial null.
      const saved: { node: NodeSummary | null } = { node: null };
      try {
        const node = await createNodeStreaming(treeId, body, {
          onNode(node) {
            saved.node = node;
            store.getState().startLive(node.id);
            upsertNodeInCache(client, treeId, node);
            store.getState().select(node.id);
            setRunningId(node.id);
            // The node is saved: the tree list's node count should say so now, not only when the stream ends,
            // and a tree's first question may have named it.
            void client.invalidateQueries({ queryKey: queryKeys.trees });
            if (node.parentId === null) void client.invalidateQueries({ queryKey: queryKeys.tree(treeId) });
          },
          onEvent(event) {
            if (saved.node) store.getState().foldLive(saved.node.id, event);
          },
        });
        upsertNodeInCache(client, treeId, node);
        return { node };
      } catch (err) {
        // The node may exist on the server even though this stream broke: re-read the tree.
        if (saved.node) void client.invalidateQueries({ queryKey: queryKeys.tree(treeId) });
        return { node: saved.node, error: err instanceof Error ? err : new Error(String(err)) };
      } finally {
        if (saved.node) store.getState().endLive(saved.node.id);
        setRunningId(null);
        void client.invalidateQueries({ queryKey: queryKeys.trees });
      }
    },
    [client, store, treeId],
  );

  const stop = useCallback(async () => {
    if (runningId !== null) await api.cancelNode(runningId);
  }, [runningId]);

  return { create, stop, runningId };
}
