"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { CreateNodeBody, NodeDetail, NodeSummary, RepeatNodeBody } from "@/lib/contracts/nodes";
import { api, createNodeStreaming, repeatNodeStreaming, type NodeStreamHandlers } from "./api";
import { useExplorerStore } from "./explorer-context";
import { queryKeys, upsertNodeInCache } from "./queries";

/** What the caller learns once a creation settles. */
export type CreateOutcome = { node: NodeDetail } | { node: NodeSummary | null; error: Error };

/**
 * Create a node (or repeat one) and stream it: the saved node enters the graph (and is selected) at once,
 * its text grows live in the card and the inspector, and the final node replaces it at the end.
 */
export function useCreateNode(treeId: string) {
  const client = useQueryClient();
  const store = useExplorerStore();
  const [runningId, setRunningId] = useState<string | null>(null);

  const follow = useCallback(
    async (start: (handlers: NodeStreamHandlers) => Promise<NodeDetail>): Promise<CreateOutcome> => {
      // Set from the stream's callback; an object, so TypeScript does not narrow it to its initial null.
      const saved: { node: NodeSummary | null } = { node: null };
      try {
        const node = await start({
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

  /** A new node: a child of `body.parentId`, or a new root. */
  const create = useCallback((body: CreateNodeBody) => follow((handlers) => createNodeStreaming(treeId, body, handlers)), [follow, treeId]);

  /** The node asked again as a sibling, with its input, tools and parameters (Regenerate, Retry). */
  const repeat = useCallback((nodeId: string, body: RepeatNodeBody = {}) => follow((handlers) => repeatNodeStreaming(nodeId, body, handlers)), [follow]);

  const stop = useCallback(async () => {
    if (runningId !== null) await api.cancelNode(runningId);
  }, [runningId]);

  return { create, repeat, stop, runningId };
}
