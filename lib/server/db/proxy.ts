import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tree } from "@/lib/contracts/trees";
import type { MatchableNode } from "@/lib/tree/context-match";
import type { Db } from "./client";
import { nodes, trees, type NewTreeRow } from "./schema";
import { toTree } from "./trees";

/** The workspace's node that answered with this response id (the latest, should a response have been recorded twice). */
export async function findNodeByResponseId(db: Db, workspaceId: string, responseId: string): Promise<{ id: string; treeId: string; providerId: string } | null> {
  const [row] = await db
    .select({ id: nodes.id, treeId: nodes.treeId, providerId: nodes.providerId })
    .from(nodes)
    .innerJoin(trees, eq(trees.id, nodes.treeId))
    .where(and(eq(nodes.responseId, responseId), eq(trees.workspaceId, workspaceId)))
    .orderBy(desc(nodes.createdAt))
    .limit(1);
  return row ?? null;
}

/** The workspace's tree with this id (a tree of another workspace is as if it did not exist). */
export async function findWorkspaceTree(db: Db, workspaceId: string, id: string): Promise<Tree | null> {
  const [row] = await db
    .select()
    .from(trees)
    .where(and(eq(trees.id, id), eq(trees.workspaceId, workspaceId)));
  return row ? toTree(row) : null;
}

/** A node's items as matching last read them, with the row version they were read at. */
type HeldItems = { version: string; input: readonly unknown[]; output: readonly unknown[] };
type GlobalWithItems = typeof globalThis & { __arborMatchableItems?: Map<string, Map<string, HeldItems>> };

/**
 * How many trees' items are held (the trees proxied most recently), and how many nodes' items in all (a bound on the
 * memory they take); the rest are read again when next matched.
 */
const HELD_TREES = 32;
const HELD_NODES = 20_000;
/** Nodes whose items are read per query. */
const READ_BATCH = 200;

/** The held items of a tree, most recently used last. */
function heldItems(treeId: string): Map<string, HeldItems> {
  const g = globalThis as GlobalWithItems;
  const trees = (g.__arborMatchableItems ??= new Map());
  const held = trees.get(treeId) ?? new Map<string, HeldItems>();
  trees.delete(treeId);
  trees.set(treeId, held);
  let nodes = 0;
  for (const items of trees.values()) nodes += items.size;
  for (const [oldest, items] of trees) {
    if (oldest === treeId || (trees.size <= HELD_TREES && nodes <= HELD_NODES)) break;
    nodes -= items.size;
    trees.delete(oldest);
  }
  return held;
}

/**
 * Every node of a tree as context matching reads it (its input and output items), oldest first. A client that replays
 * its history sends every call into the same tree: the items of the nodes it already matched against are held here
 * and read again only when the row changed (its version, `xmin`, moved: the node ended, or was edited), so a call
 * reads the tree's shape and the items of the nodes new since the last one, not every node's input and answer.
 */
export async function listMatchableNodes(db: Db, treeId: string): Promise<MatchableNode[]> {
  const version = sql<string>`${nodes}.xmin::text`;
  const shape = await db
    .select({ id: nodes.id, parentId: nodes.parentId, version })
    .from(nodes)
    .where(eq(nodes.treeId, treeId))
    .orderBy(asc(nodes.createdAt), asc(nodes.id));
  const held = heldItems(treeId);
  const stale = shape.filter((node) => held.get(node.id)?.version !== node.version).map((node) => node.id);
  for (const id of stale) held.delete(id);
  for (let at = 0; at < stale.length; at += READ_BATCH) {
    const rows = await db
      .select({ id: nodes.id, version, input: nodes.input, output: sql<unknown>`${nodes.response}->'output'` })
      .from(nodes)
      .where(inArray(nodes.id, stale.slice(at, at + READ_BATCH)));
    for (const row of rows) held.set(row.id, { version: row.version, input: row.input, output: Array.isArray(row.output) ? row.output : [] });
  }
  const present = new Set(shape.map((node) => node.id));
  for (const id of held.keys()) if (!present.has(id)) held.delete(id);
  // A node deleted between the two reads has no items: it is left out, as if the shape had been read after.
  return shape.flatMap((node) => {
    const items = held.get(node.id);
    return items ? [{ id: node.id, parentId: node.parentId, input: items.input, output: items.output }] : [];
  });
}

/** The tree the recording proxy keeps under this key, created with `values` on first use (once, even when raced). */
export async function findOrCreateProxyTree(db: Db, proxyKey: string, values: Omit<NewTreeRow, "proxyKey">): Promise<Tree> {
  const [existing] = await db.select().from(trees).where(eq(trees.proxyKey, proxyKey));
  if (existing) return toTree(existing);
  await db
    .insert(trees)
    .values({ ...values, proxyKey })
    .onConflictDoNothing({ target: trees.proxyKey });
  const [row] = await db.select().from(trees).where(eq(trees.proxyKey, proxyKey));
  if (!row) throw new Error("the proxy's tree could not be created");
  return toTree(row);
}
