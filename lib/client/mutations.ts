import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { api, createNodeStreaming, uploadProviderFile } from "@/lib/client/api";
import { liveRuns } from "@/lib/client/run-store";
import type { CreateNodeBody, PatchNodeBody } from "@/lib/contracts/nodes";
import type { VectorStoreInfo } from "@/lib/contracts/providers";
import type { ImportBody } from "@/lib/contracts/transfer";
import type { CreateTreeBody, PatchTreeBody } from "@/lib/contracts/trees";
import { removeSubtreeFromCache, setTreeInCache, upsertNodeInCache } from "./cache";
import { queryKeys } from "./query-keys";

// Every change a component makes to server data, as a React Query mutation (streamed nodes: use-create-node.ts).
// Each one keeps the cache right on success, so callers only add what is theirs (closing a dialog, a selection).

/** A tree's first message: its model, input, tools and parameters, and the settings the new tree remembers. */
type StartTree = {
  providerId: string;
  model: string;
  input: CreateNodeBody["input"];
  fragment?: Pick<CreateNodeBody, "tools" | "params" | "instructions">;
  remembered?: Pick<CreateTreeBody, "settings" | "instructions">;
};

/**
 * Start a tree with its first message: the tree is saved only now (a "New tree" that is never written to leaves
 * nothing behind). The first node streams live; its tree opens as soon as the node is saved.
 */
export function useStartTree() {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: async ({ providerId, model, input, fragment = {}, remembered }: StartTree) => {
      const tree = await api.createTree({ providerId, model, ...remembered });
      const saved: { id: string | null } = { id: null };
      try {
        return await createNodeStreaming(tree.id, { parentId: null, input, providerId, model, ...fragment }, {
          onNode(node) {
            saved.id = node.id;
            liveRuns.start(node.id, tree.id);
            router.push(`/t/${tree.id}?node=${node.id}`);
            void client.invalidateQueries({ queryKey: queryKeys.trees });
          },
          onEvent(event) {
            if (saved.id) liveRuns.fold(saved.id, event);
          },
        }).then((node) => {
          upsertNodeInCache(client, tree.id, node);
          return node;
        });
      } finally {
        if (saved.id) liveRuns.end(saved.id);
        else await removeEmptyTree(tree.id);
        void client.invalidateQueries({ queryKey: queryKeys.trees });
      }
    },
  });
}

// The first node was refused (nothing was saved in the tree): take the tree away again, so no empty tree is left.
async function removeEmptyTree(treeId: string): Promise<void> {
  try {
    await api.deleteTree(treeId);
  } catch (err) {
    console.warn("[arbor] could not remove the empty tree", treeId, err);
  }
}

/** Build the guided example tree (a few seconds: every step is a real node) and open it. */
export function useCreateExampleTree() {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: () => api.createExampleTree(),
    onSuccess: async (tree) => {
      router.push(`/t/${tree.id}`);
      await client.invalidateQueries({ queryKey: queryKeys.trees });
    },
  });
}

/** Change a tree's title, defaults or remembered composer settings. */
export function useUpdateTree() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ treeId, fields }: { treeId: string; fields: PatchTreeBody }) => api.updateTree(treeId, fields),
    onSuccess: async (tree, { fields }) => {
      setTreeInCache(client, tree);
      // The tree list shows titles, not settings.
      if (fields.title !== undefined) await client.invalidateQueries({ queryKey: queryKeys.trees });
    },
  });
}

/** Delete a tree and all its nodes; `onDeleted` runs first (leave the tree's page before its data goes). */
export function useDeleteTree(onDeleted?: (treeId: string) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (treeId: string) => api.deleteTree(treeId),
    onSuccess: async (_deleted, treeId) => {
      onDeleted?.(treeId);
      client.removeQueries({ queryKey: queryKeys.tree(treeId) });
      await client.invalidateQueries({ queryKey: queryKeys.trees });
    },
  });
}

/** Delete a node and its subtree; they leave the graph at once. */
export function useDeleteNode(treeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (nodeId: string) => api.deleteNode(nodeId),
    onSuccess: async (_deleted, nodeId) => {
      removeSubtreeFromCache(client, treeId, nodeId);
      await client.invalidateQueries({ queryKey: queryKeys.trees });
    },
  });
}

/** Compact a node's branch into a new root of its tree (the root is in the cache at once, for selecting it). */
export function useCompactNode(treeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (nodeId: string) => api.compactNode(nodeId),
    onSuccess: async (node) => {
      upsertNodeInCache(client, treeId, node);
      await client.invalidateQueries({ queryKey: queryKeys.trees });
    },
  });
}

/** Set a node's label, note or star; the card and the inspector show it at once. */
export function useUpdateNode() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ nodeId, fields }: { nodeId: string; fields: PatchNodeBody }) => api.patchNode(nodeId, fields),
    onSuccess: (node) => upsertNodeInCache(client, node.treeId, node),
  });
}

/** Stop a running node; what arrived so far is kept, and the node becomes `cancelled`. */
export function useCancelNode() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (nodeId: string) => api.cancelNode(nodeId),
    onSuccess: (node) => upsertNodeInCache(client, node.treeId, node),
  });
}

/** Import pasted JSON or a `resp_…` id into a new tree, and open it. */
export function useImportTree() {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: (body: ImportBody) => api.importTree(body),
    onSuccess: async ({ tree }) => {
      await client.invalidateQueries({ queryKey: queryKeys.trees });
      router.push(`/t/${tree.id}`);
    },
  });
}

/** Create a vector store; it is in the list at once. */
export function useCreateVectorStore(providerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.createVectorStore(providerId, name),
    onSuccess: async (store) => {
      client.setQueryData<VectorStoreInfo[]>(queryKeys.vectorStores(providerId), (stores) => [store, ...(stores ?? []).filter((s) => s.id !== store.id)]);
      await client.invalidateQueries({ queryKey: queryKeys.vectorStores(providerId) });
    },
  });
}

/** Upload a file to a provider, reporting progress (0–1) as it goes. */
export function useUploadProviderFile(providerId: string) {
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (fraction: number) => void }) => uploadProviderFile(providerId, file, onProgress),
  });
}

/**
 * Add an uploaded file to a vector store; indexed or not, the store's file list shows it from then on (a file the
 * provider cannot index comes back `failed` with `lastError`).
 */
export function useAddFileToVectorStore(providerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ vectorStoreId, fileId }: { vectorStoreId: string; fileId: string }) => api.addFileToVectorStore(providerId, vectorStoreId, fileId),
    onSettled: async (_file, _error, { vectorStoreId }) => {
      await Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.vectorStoreFiles(providerId, vectorStoreId) }),
        client.invalidateQueries({ queryKey: queryKeys.vectorStores(providerId) }),
      ]);
    },
  });
}
