"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateNodeBody, NodeDetail, NodeSummary, RepeatNodeBody } from "@/lib/contracts/nodes";
import { createNodeStreaming, repeatNodeStreaming, type NodeStreamHandlers } from "./api";
import { upsertNodeInCache } from "./cache";
import { useExplorerStore } from "./explorer-context";
import { queryKeys } from "./query-keys";
import { liveRuns } from "./run-store";

/** A new node (a child of `create.parentId`, or a root), or a node asked again as a sibling (Regenerate, Retry). */
export type NodeRequest = { create: CreateNodeBody } | { repeat: string; body?: RepeatNodeBody };

/**
 * A streamed creation that did not reach its end: refused before anything was saved (`node` null: nothing exists
 * on the server), or broken after the node was saved (`node` is it; the server goes on with it).
 */
export class NodeStreamError extends Error {
  constructor(
    readonly node: NodeSummary | null,
    readonly reason: Error,
  ) {
    super(reason.message);
    this.name = "NodeStreamError";
  }
}

/**
 * Create a node (or repeat one) and stream it, as a mutation: the saved node enters the graph (and is selected) at
 * once, its text grows live in the card and the inspector (the run store), and the final node replaces it in the
 * cache at the end. Resolves with the final node, which may have `failed`; rejects with a NodeStreamError.
 */
export function useCreateNode(treeId: string) {
  const client = useQueryClient();
  const explorer = useExplorerStore();

  return useMutation({
    mutationFn: async (request: NodeRequest): Promise<NodeDetail> => {
      // Set from the stream's callback; an object, so TypeScript does not narrow it to its initial null.
      const saved: { node: NodeSummary | null } = { node: null };
      const handlers: NodeStreamHandlers = {
        onNode(node) {
          saved.node = node;
          liveRuns.start(node.id, treeId);
          upsertNodeInCache(client, treeId, node);
          explorer.getState().select(node.id);
          // The node is saved: the tree list's node count should say so now, not only when the stream ends,
          // and a tree's first question may have named it.
          void client.invalidateQueries({ queryKey: queryKeys.trees });
          if (node.parentId === null) void client.invalidateQueries({ queryKey: queryKeys.tree(treeId) });
        },
        onEvent(event) {
          if (saved.node) liveRuns.fold(saved.node.id, event);
        },
      };
      try {
        const node =
          "create" in request
            ? await createNodeStreaming(treeId, request.create, handlers)
            : await repeatNodeStreaming(request.repeat, request.body ?? {}, handlers);
        upsertNodeInCache(client, treeId, node);
        return node;
      } catch (err) {
        // The node may exist on the server even though this stream broke: re-read the tree.
        if (saved.node) void client.invalidateQueries({ queryKey: queryKeys.tree(treeId) });
        throw new NodeStreamError(saved.node, err instanceof Error ? err : new Error(String(err)));
      } finally {
        if (saved.node) liveRuns.end(saved.node.id);
        void client.invalidateQueries({ queryKey: queryKeys.trees });
      }
    },
  });
}
