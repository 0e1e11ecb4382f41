import type { QueryClient } from "@tanstack/react-query";
import type { NodeDetail, NodeSummary } from "@/lib/contracts/nodes";
import type { Tree, TreeDetail } from "@/lib/contracts/trees";
import { isRunning } from "@/lib/tree/node-status";
import { indexTree, subtreeIds } from "@/lib/tree/tree-index";
import { queryKeys } from "./query-keys";

// Writes into the React Query cache after a mutation or a stream, so the graph changes without reading the tree again.

/** The light fields of a node, as the tree listing holds them. */
function toSummary(node: NodeDetail | NodeSummary): NodeSummary {
  if (!("request" in node)) return node;
  const { input: _input, request: _request, response: _response, ...summary } = node;
  return summary;
}

// Each node written into a cached tree gets the next mark: a tree read started at mark m keeps, beside its answer,
// the nodes the cache was told of after m (`mergeTreeRead`).
let writes = 0;
const writtenAt = new WeakMap<QueryClient, Map<string, Map<string, number>>>();

function noteWrite(client: QueryClient, treeId: string, nodeId: string): void {
  let trees = writtenAt.get(client);
  if (!trees) writtenAt.set(client, (trees = new Map()));
  let nodes = trees.get(treeId);
  if (!nodes) trees.set(treeId, (nodes = new Map()));
  nodes.set(nodeId, ++writes);
}

/** The mark a tree read takes when it starts, for `mergeTreeRead`. */
export function cacheMark(): number {
  return writes;
}

/** Insert or replace one node in a cached tree, keeping the others' objects so the graph re-renders only it. */
export function upsertNodeInCache(client: QueryClient, treeId: string, node: NodeSummary | NodeDetail): void {
  const summary = toSummary(node);
  noteWrite(client, treeId, summary.id);
  client.setQueryData<TreeDetail>(queryKeys.tree(treeId), (data) => {
    if (!data) return data;
    const at = data.nodes.findIndex((n) => n.id === summary.id);
    const nodes = at === -1 ? [...data.nodes, summary] : data.nodes.map((n, i) => (i === at ? summary : n));
    return { ...data, nodes };
  });
  if ("request" in node) client.setQueryData(queryKeys.node(node.id), node);
}

/**
 * A tree as just read (the read having started at `since`, a `cacheMark()`), merged with what the cache learnt while
 * the read was in flight:
 * - a node the cache holds as ended but the read has as running ended after the server answered (its stream's end,
 *   or the channel, came first), so the cached one is kept: a node never runs again once it has ended;
 * - a node the cache was told of after the read started but the read lacks was made after the server answered, so
 *   it is kept too (at the end, where a new node goes).
 */
export function mergeTreeRead(client: QueryClient, treeId: string, read: TreeDetail, since = Infinity): TreeDetail {
  const held = client.getQueryData<TreeDetail>(queryKeys.tree(treeId));
  if (!held) return read;
  const written = writtenAt.get(client)?.get(treeId);
  const readIds = written ? new Set(read.nodes.map((node) => node.id)) : null;
  const newer = readIds ? held.nodes.filter((node) => !readIds.has(node.id) && (written!.get(node.id) ?? -1) > since) : [];
  if (newer.length === 0 && !read.nodes.some(isRunning)) return read;
  const ended = new Map(held.nodes.filter((node) => !isRunning(node)).map((node) => [node.id, node]));
  return { ...read, nodes: [...read.nodes.map((node) => (isRunning(node) ? (ended.get(node.id) ?? node) : node)), ...newer] };
}

/** Drop a node and everything under it from a cached tree (the server deleted the subtree). */
export function removeSubtreeFromCache(client: QueryClient, treeId: string, nodeId: string): void {
  client.setQueryData<TreeDetail>(queryKeys.tree(treeId), (data) => {
    if (!data) return data;
    const gone = new Set(subtreeIds(indexTree(data.nodes), nodeId));
    return { ...data, nodes: data.nodes.filter((node) => !gone.has(node.id)) };
  });
}

/** Replace a cached tree's own fields (title, defaults, remembered settings), keeping its nodes. */
export function setTreeInCache(client: QueryClient, tree: Tree): void {
  client.setQueryData<TreeDetail>(queryKeys.tree(tree.id), (data) => (data ? { ...data, tree } : data));
}
