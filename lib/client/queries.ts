import { queryOptions, useQueries, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { NodeDetail, NodeEvent } from "@/lib/contracts/nodes";
import { isRunning } from "@/lib/tree/node-status";
import { cacheMark, mergeTreeRead } from "./cache";
import { queryKeys } from "./query-keys";
import { liveRuns, useIsLive } from "./run-store";
import { treeChannelOpen, useTreeChannel } from "./tree-channel";

// Every read of server data in the browser, as React Query hooks over `api`. Writes are in mutations.ts (and
// use-create-node.ts for streamed nodes); both keep the cache through cache.ts.

/** How often a tree or node is re-read while one of its nodes runs somewhere else (another tab, a script). */
const RUNNING_POLL_MS = 2000;
/** How often a running node's events are re-read for the Events and Tools tabs. */
const EVENTS_POLL_MS = 1000;
/** How often a store's files are re-read while one is still being indexed. */
const INDEXING_POLL_MS = 1500;

/** The full node, for `useQuery` and for reading it once (`client.fetchQuery(nodeQuery(id))`). */
export const nodeQuery = (id: string) => queryOptions({ queryKey: queryKeys.node(id), queryFn: () => api.node(id) });

/**
 * A tree and its node summaries; a read that overlapped a node's end keeps the end the cache heard of meanwhile, and
 * one that overlapped a node's creation keeps that node.
 */
export const treeQuery = (client: QueryClient, id: string) =>
  queryOptions({
    queryKey: queryKeys.tree(id),
    queryFn: async () => {
      const since = cacheMark();
      return mergeTreeRead(client, id, await api.tree(id), since);
    },
  });

export function useProviders() {
  return useQuery({ queryKey: queryKeys.providers, queryFn: api.providers, staleTime: 5 * 60_000 });
}

/** A provider's name as the user knows it ("Offline engine"), or its id while the list loads. */
export function useProviderLabel(providerId: string): string {
  const providers = useProviders();
  return providers.data?.find((provider) => provider.id === providerId)?.label ?? providerId;
}

/** Trees and nodes matching `q` (nothing is asked for a blank query). */
export function useSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: queryKeys.search(query),
    queryFn: ({ signal }) => api.search(query, signal),
    enabled: query.length > 0,
    staleTime: 10_000,
    placeholderData: (previous) => previous,
  });
}

/** Who is signed in (the local owner when sign-in is off); read once per page. */
export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: api.me, staleTime: 5 * 60_000 });
}

/** Whether the viewer may add nodes and change trees (false for a viewer, and while it is not known yet). */
export function useCanWrite(): boolean {
  const me = useMe();
  return me.data !== undefined && me.data.role !== "viewer";
}

export function useTrees() {
  return useQuery({ queryKey: queryKeys.trees, queryFn: api.trees });
}

/**
 * A tree and its node summaries, kept current by the tree's event channel; only while that channel is down does it
 * poll, and only while a node runs that this tab is not streaming itself.
 */
export function useTree(id: string) {
  const channelOpen = useTreeChannel(id);
  const client = useQueryClient();
  return useQuery({
    ...treeQuery(client, id),
    refetchInterval: (query) =>
      !channelOpen && (query.state.data?.tree.source === "proxy" || query.state.data?.nodes.some((node) => isRunning(node) && !liveRuns.has(node.id))) ? RUNNING_POLL_MS : false,
  });
}

/**
 * The full node (request, response JSON); re-read while it runs elsewhere. Not read while this tab streams it: the
 * stream is fresher, and its final node lands in the cache when it ends.
 */
export function useNodeDetail(id: string | null) {
  const live = useIsLive(id);
  return useQuery({
    ...nodeQuery(id ?? ""),
    enabled: id !== null && !live,
    // The tree's channel says when it changes or ends (tree-channel.ts); polled only while the channel is down.
    refetchInterval: (query) => (query.state.data && isRunning(query.state.data) && !treeChannelOpen(query.state.data.treeId) ? RUNNING_POLL_MS : false),
  });
}

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
    // While the tree's channel is open, each saved batch of events is announced there (tree-channel.ts).
    refetchInterval: () => (running && !channelOpenFor(client, id) ? EVENTS_POLL_MS : false),
  });
}

// Whether the channel of the tree holding this node (as the cached node says) is open in this tab.
function channelOpenFor(client: ReturnType<typeof useQueryClient>, nodeId: string): boolean {
  const node = client.getQueryData<NodeDetail>(queryKeys.node(nodeId));
  return node ? treeChannelOpen(node.treeId) : false;
}

/** The context a node's call saw (it never changes once the node exists). */
export function useNodeContext(id: string) {
  return useQuery({ queryKey: queryKeys.nodeContext(id), queryFn: () => api.nodeContext(id), staleTime: Infinity });
}

const loadedNodes = (results: readonly { data?: NodeDetail }[]): NodeDetail[] => results.flatMap((r) => (r.data ? [r.data] : []));

/** The loaded ones of several full nodes (e.g. a node's children, for the outputs of its function calls); stable while unchanged. */
export function useNodeDetails(ids: readonly string[], enabled: boolean): NodeDetail[] {
  return useQueries({
    queries: ids.map((id) => ({ ...nodeQuery(id), enabled, staleTime: 30_000 })),
    combine: loadedNodes,
  });
}

/** The vector stores of a provider that runs file search. */
export function useVectorStores(providerId: string) {
  return useQuery({ queryKey: queryKeys.vectorStores(providerId), queryFn: () => api.vectorStores(providerId) });
}

/** A store's files with their indexing status; polled while one is still being indexed. */
export function useVectorStoreFiles(providerId: string, vectorStoreId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.vectorStoreFiles(providerId, vectorStoreId ?? ""),
    queryFn: () => api.vectorStoreFiles(providerId, vectorStoreId ?? ""),
    enabled: vectorStoreId !== undefined,
    refetchInterval: (query) => (query.state.data?.some((file) => file.status === "in_progress") ? INDEXING_POLL_MS : false),
  });
}

/** The name of whoever made a node of a tree, read from the tree already in the cache (never fetched for it). */
export function usePersonName(treeId: string, userId: string | null): string | null {
  const client = useQueryClient();
  const { data } = useQuery({
    ...treeQuery(client, treeId),
    enabled: false,
    select: (detail) => (userId ? (detail.people?.find((person) => person.id === userId)?.name ?? null) : null),
  });
  return data ?? null;
}
