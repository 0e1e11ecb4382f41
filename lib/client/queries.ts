import { useQueries, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { isRunning } from "@/lib/tree/node-status";
import type { NodeDetail, NodeEvent, NodeSummary } from "@/lib/contracts/nodes";
import type { Tree } from "@/lib/contracts/trees";

/** React Query keys, one place so cache updates and reads agree. */
export const queryKeys = {
  providers: ["providers"] as const,
  trees: ["trees"] as const,
  tree: (id: string) => ["tree", id] as const,
  node: (id: string) => ["node", id] as const,
  nodeContext: (id: string) => ["node", id, "context"] as const,
  /** A node's events; `live` while it runs, so the finished list is read afresh once it completes. */
  nodeEvents: (id: string, live: boolean) => ["node-events", id, live ? "live" : "final"] as const,
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

/** How often a running node's events are re-read for the Events and Tools tabs. */
const EVENTS_POLL_MS = 1000;

/**
 * A node's stored stream events: while it runs, polled for the events after the last one held (`?after=seq`);
 * read once in full, and kept, when it has finished.
 */
export function useNodeEvents(id: string, running: boolean, enabled = true) {
  const client = useQueryClient();
  const key = queryKeys.nodeEvents(id, running);
  return useQuery({
    queryKey: key,
    queryFn: async () => {
      const held = running ? (client.getQueryData<NodeEvent[]>(key) ?? []) : [];
      const more = await api.nodeEvents(id, held.at(-1)?.seq ?? -1);
      return more.length > 0 ? [...held, ...more] : held;
    },
    enabled,
    staleTime: running ? 0 : Infinity,
    refetchInterval: running ? EVENTS_POLL_MS : false,
  });
}

/** The context a node's call saw (it never changes once the node exists). */
export function useNodeContext(id: string) {
  return useQuery({ queryKey: queryKeys.nodeContext(id), queryFn: () => api.nodeContext(id), staleTime: Infinity });
}

const loadedNodes = (results: readonly { data?: NodeDetail }[]): NodeDetail[] => results.flatMap((r) => (r.data ? [r.data] : []));

/** The loaded ones of several full nodes (e.g. a node's children, for the outputs of its function calls); stable while unchanged. */
export function useNodeDetails(ids: readonly string[], enabled: boolean): NodeDetail[] {
  return useQueries({
    queries: ids.map((id) => ({ queryKey: queryKeys.node(id), queryFn: () => api.node(id), enabled, staleTime: 30_000 })),
    combine: loadedNodes,
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
