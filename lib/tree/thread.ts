import { pathTo, siblingsOf, type TreeIndex } from "./tree-index";

// A thread is one branch read as a conversation: the turns from the root down to a node.

/** One turn of a thread: the node, and its siblings for a switcher. */
export type ThreadTurn = { id: string; siblings: readonly string[]; position: number };

/** The turns from the root down to `id` (empty when it is not in the tree). */
export function threadTo(index: TreeIndex, id: string | null): ThreadTurn[] {
  return pathTo(index, id).map((step) => {
    const siblings = siblingsOf(index, step);
    return { id: step, siblings, position: siblings.indexOf(step) };
  });
}

/** The end of the branch through `id`: following the newest child down to a leaf. */
export function leafThrough(index: TreeIndex, id: string): string {
  let current = id;
  const seen = new Set<string>([id]);
  for (;;) {
    const newest = index.children.get(current)?.at(-1);
    if (newest === undefined || seen.has(newest)) return current;
    seen.add(newest);
    current = newest;
  }
}

/**
 * The node a thread shows after its sibling switcher at `turnId` moves by `step`: the branch through the chosen
 * sibling, down to its end. Null when there is no sibling that way.
 */
export function switchSibling(index: TreeIndex, turnId: string, step: -1 | 1): string | null {
  const siblings = siblingsOf(index, turnId);
  const target = siblings[siblings.indexOf(turnId) + step];
  return target === undefined ? null : leafThrough(index, target);
}
