import type { NodeSummary } from "@/lib/contracts/nodes";
import type { LayoutDirection } from "./layout";

/** Parent and children lookups of a tree's nodes, children in the order given. */
export type TreeIndex = {
  byId: ReadonlyMap<string, NodeSummary>;
  children: ReadonlyMap<string, readonly string[]>;
  roots: readonly string[];
};

/** Index nodes by id and by parent; a node whose parent is missing counts as a root. */
export function indexTree(nodes: readonly NodeSummary[]): TreeIndex {
  const byId = new Map<string, NodeSummary>();
  for (const node of nodes) byId.set(node.id, node);
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const node of nodes) {
    if (node.parentId !== null && byId.has(node.parentId) && node.parentId !== node.id) {
      const list = children.get(node.parentId);
      if (list) list.push(node.id);
      else children.set(node.parentId, [node.id]);
    } else {
      roots.push(node.id);
    }
  }
  return { byId, children, roots };
}

/**
 * Whether `nodes` begins with `before`'s nodes as far as the tree's shape goes: the same ids under the same parents,
 * in the same order (what an index or a layout depends on); any nodes after them are new.
 */
export function startsLike(nodes: readonly NodeSummary[], before: readonly NodeSummary[]): boolean {
  if (nodes.length < before.length) return false;
  for (let i = 0; i < before.length; i++) {
    const a = before[i]!;
    const b = nodes[i]!;
    if (a !== b && (a.id !== b.id || a.parentId !== b.parentId)) return false;
  }
  return true;
}

/**
 * `indexTree(nodes)`, worked out from the index of `before` when `nodes` is `before` with some nodes replaced in
 * place (same id, same parent) and others added at its end, as a node's update or a new node leaves a tree: the
 * parent and children lookups are kept or extended, not built again for every node.
 */
export function reindexTree(before: readonly NodeSummary[], index: TreeIndex, nodes: readonly NodeSummary[]): TreeIndex {
  // Another shape, or repeated ids (bad data, where the last copy wins): the plain way decides.
  if (!startsLike(nodes, before) || index.byId.size !== before.length) return indexTree(nodes);
  const byId = new Map(index.byId);
  for (let i = 0; i < before.length; i++) if (before[i] !== nodes[i]) byId.set(nodes[i]!.id, nodes[i]!);
  if (nodes.length === before.length) return { byId, children: index.children, roots: index.roots };

  const added = nodes.slice(before.length);
  for (const node of added) {
    if (byId.has(node.id)) return indexTree(nodes);
    byId.set(node.id, node);
  }
  // A node an earlier orphan was waiting for as its parent moves that orphan: the plain way decides that too.
  const orphanOf = new Set(index.roots.map((id) => index.byId.get(id)?.parentId).filter((id) => id !== null && id !== undefined));
  if (added.some((node) => orphanOf.has(node.id))) return indexTree(nodes);
  const children = new Map(index.children);
  const roots = [...index.roots];
  for (const node of added) {
    if (node.parentId !== null && byId.has(node.parentId) && node.parentId !== node.id) children.set(node.parentId, [...(children.get(node.parentId) ?? []), node.id]);
    else roots.push(node.id);
  }
  return { byId, children, roots };
}

/** An `indexTree` that works each index out from the one before (`reindexTree`). */
export function createTreeIndexer(): (nodes: readonly NodeSummary[]) => TreeIndex {
  let last: { nodes: readonly NodeSummary[]; index: TreeIndex } | null = null;
  return (nodes) => {
    const index = last === null ? indexTree(nodes) : last.nodes === nodes ? last.index : reindexTree(last.nodes, last.index, nodes);
    last = { nodes, index };
    return index;
  };
}

/** Ids from the root down to `id` (inclusive); empty when `id` is not in the tree. */
export function pathTo(index: TreeIndex, id: string | null): string[] {
  const path: string[] = [];
  const seen = new Set<string>();
  let current = id === null ? undefined : index.byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.push(current.id);
    current = current.parentId === null ? undefined : index.byId.get(current.parentId);
  }
  return path.reverse();
}

/** The siblings of a node (itself included), in order: its parent's children, or the roots. */
export function siblingsOf(index: TreeIndex, id: string): readonly string[] {
  const parentId = index.byId.get(id)?.parentId ?? null;
  return parentId !== null && index.byId.has(parentId) ? (index.children.get(parentId) ?? []) : index.roots;
}

export type TreeMove = "parent" | "child" | "previousSibling" | "nextSibling";

/** The arrow keys' meaning in each layout: along the depth axis to parent/child, across it between siblings. */
export function moveForKey(key: string, direction: LayoutDirection): TreeMove | null {
  const lr: Record<string, TreeMove> = {
    ArrowLeft: "parent",
    ArrowRight: "child",
    ArrowUp: "previousSibling",
    ArrowDown: "nextSibling",
  };
  const tb: Record<string, TreeMove> = {
    ArrowUp: "parent",
    ArrowDown: "child",
    ArrowLeft: "previousSibling",
    ArrowRight: "nextSibling",
  };
  return (direction === "LR" ? lr : tb)[key] ?? null;
}

/**
 * The node a keyboard move lands on, or null when there is none.
 * Moving to a child prefers the one leading towards `trail` (the node the user came up from).
 */
export function neighbour(index: TreeIndex, id: string, move: TreeMove, trail: string | null = null): string | null {
  const node = index.byId.get(id);
  if (!node) return null;
  switch (move) {
    case "parent":
      return node.parentId !== null && index.byId.has(node.parentId) ? node.parentId : null;
    case "child": {
      const kids = index.children.get(id) ?? [];
      const towardsTrail = pathTo(index, trail).find((step) => kids.includes(step));
      return towardsTrail ?? kids[0] ?? null;
    }
    case "previousSibling":
    case "nextSibling": {
      const siblings = siblingsOf(index, id);
      const at = siblings.indexOf(id) + (move === "nextSibling" ? 1 : -1);
      return siblings[at] ?? null;
    }
  }
}

/** `id` and all its descendants (empty when `id` is not in the tree). */
export function subtreeIds(index: TreeIndex, id: string): string[] {
  if (!index.byId.has(id)) return [];
  const ids: string[] = [];
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    ids.push(next);
    stack.push(...(index.children.get(next) ?? []));
  }
  return ids;
}
