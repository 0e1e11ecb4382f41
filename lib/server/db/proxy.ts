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

/** A node's items as matching last read them, with the row version they were read at and their size as JSON. */
type HeldItems = { version: string; bytes: number; input: readonly unknown[]; output: readonly unknown[] };
/** The items held for one database: by tree (most recently matched last), then by node. */
type Held = { trees: Map<string, Map<string, HeldItems>>; bytes: number };

/** At most this much JSON is held for matching in all (the trees matched least recently are dropped first)… */
const HELD_BYTES = 64 * 1024 * 1024;
/** …and no node larger than this (a node with big images in it is read again each time it is matched). */
const HELD_NODE_BYTES = 256 * 1024;
/** Nodes whose items are read per query. */
const READ_BATCH = 200;

type GlobalWithItems = typeof globalThis & { __arborMatchableItems?: WeakMap<Db, Held> };

function heldFor(db: Db): Held {
  const g = globalThis as GlobalWithItems;
  const all = (g.__arborMatchableItems ??= new WeakMap());
  let held = all.get(db);
  if (!held) all.set(db, (held = { trees: new Map(), bytes: 0 }));
  return held;
}

/** The held items of a tree, now the most recently matched. */
function treeItems(held: Held, treeId: string): Map<string, HeldItems> {
  const items = held.trees.get(treeId) ?? new Map<string, HeldItems>();
  held.trees.delete(treeId);
  held.trees.set(treeId, items);
  return items;
}

function drop(held: Held, items: Map<string, HeldItems>, id: string): void {
  const item = items.get(id);
  if (!item) return;
  held.bytes -= item.bytes;
  items.delete(id);
}

/** Hold a node's items if they fit, dropping the trees matched least recently to make room. */
function hold(held: Held, treeId: string, items: Map<string, HeldItems>, id: string, item: HeldItems): void {
  if (item.bytes > HELD_NODE_BYTES) return;
  for (const [oldest, others] of held.trees) {
    if (held.bytes + item.bytes <= HELD_BYTES || oldest === treeId) break;
    for (const other of others.values()) held.bytes -= other.bytes;
    held.trees.delete(oldest);
  }
  if (held.bytes + item.bytes > HELD_BYTES) return;
  items.set(id, item);
  held.bytes += item.bytes;
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
  const held = heldFor(db);
  const items = treeItems(held, treeId);
  const present = new Set(shape.map((node) => node.id));
  for (const id of [...items.keys()]) if (!present.has(id)) drop(held, items, id);
  const stale = shape.filter((node) => items.get(node.id)?.version !== node.version).map((node) => node.id);
  const read = new Map<string, HeldItems>();
  for (let at = 0; at < stale.length; at += READ_BATCH) {
    const rows = await db
      .select({
        id: nodes.id,
        version,
        input: nodes.input,
        output: sql<unknown>`${nodes.response}->'output'`,
        bytes: sql<number>`octet_length(${nodes.input}::text) + coalesce(octet_length((${nodes.response}->'output')::text), 0)`,
      })
      .from(nodes)
      .where(inArray(nodes.id, stale.slice(at, at + READ_BATCH)));
    for (const row of rows) read.set(row.id, { version: row.version, bytes: Number(row.bytes), input: row.input, output: Array.isArray(row.output) ? row.output : [] });
  }
  for (const id of stale) {
    drop(held, items, id);
    const item = read.get(id);
    if (item) hold(held, treeId, items, id, item);
  }
  // A node deleted between the two reads has no items: it is left out, as if the shape had been read after.
  return shape.flatMap((node) => {
    const item = read.get(node.id) ?? items.get(node.id);
    return item ? [{ id: node.id, parentId: node.parentId, input: item.input, output: item.output }] : [];
  });
}

/** How much JSON matching holds for a database now (for tests). */
export function heldMatchableBytes(db: Db): number {
  return heldFor(db).bytes;
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
