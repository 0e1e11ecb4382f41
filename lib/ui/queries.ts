import { useQuery, type QueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { isRunning } from "@/lib/tree/graph";
import type { NodeDetail, NodeSummary, Tree } from "@/lib/tree/types";

/** React Query keys, one place so cache updates and reads agree. */
export const queryKeys = {
  providers: ["providers"] as const,
  trees: ["trees"] as const,
  tree: (id: string) => ["tree", id] as const,
  node: (id: string) => ["node", id] as const,
};

export type TreeData = { tree: Tree; nodes: NodeSummary[] };

/** How often a tree is re-read while one of its nodes runs somewhere else (another tab, a script). */
const RUNNING_POLL_MS = 2000;

export function useProviders() {
  return useQuery({ queryKey: queryKeys.providers, queryFn: api.providers, staleTime: 5 * 60_000 });
}

export function useTrees() {
  return useQuery({ queryKey: queryKeys.trees, queryFn: api.trees });
}

/** A tree and its node summaries; polls while a node runs that this tab is not streaming itself. */
export function useTree(id: string, isStreamingHere: (nodeId: string) => boolean) {
  return useQuery({
    queryKey: queryKeys.tree(id),
    queryFn: () => api.tree(id),
    refetchInterval: (query) =>
      query.state.data?.nodes.some((node) => isRunning(node) && !isStreamingHere(node.id)) ? RUNNING_POLL_MS : false,
  });
}

/** The full node (request, response JSON); re-read while it runs elsewhere. */
export function useNodeDetail(id: string | null, isStreamingHere: boolean) {
  return useQuery({
    queryKey: queryKeys.node(id ?? ""),
    queryFn: () => api.node(id ?? ""),
    enabled: id !== null && !isStreamingHere,
    refetchInterval: (query) => (query.state.data && isRunning(query.state.data) ? RUNNING_POLL_MS : false),
  });
}

/** The light fields of a node, as the tree listing holds them. */
export function toSummary(node: NodeDetail | NodeSummary): NodeSummary {
  if (!("request" in node)) return node;
  const { input: _input, request: _request, response: _response, ...summary } = node;
  return summary;
}

/** Insert or replace one node in a cached tree, keeping the others' objects so the graph re-renders only it. */
export function upsertNodeInCache(client: QueryClient, treeId: string, node: NodeSummary | NodeDetail): void {
  const summary = toSummary(node);
  client.setQueryData<TreeData>(queryKeys.tree(treeId), (data) => {
    if (!data) return data;
    const at = data.nodes.findIndex((n) => n.id === summary.id);
    const nodes = at === -1 ? [...data.nodes, summary] : data.nodes.map((n, i) => (i === at ? summary : n));
    return { ...data, nodes };
  });
  if ("request" in node) client.setQueryData(queryKeys.node(node.id), node);
}
