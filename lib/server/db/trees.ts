import "server-only";
import { count, desc, eq, sql } from "drizzle-orm";
import type { Tree, TreeListItem } from "@/lib/contracts/trees";
import type { Db } from "./client";
import { nodes, trees, type NewTreeRow, type TreeRow } from "./schema";

/** A tree row as the API shows it. */
export function toTree(row: TreeRow): Tree {
  return {
    id: row.id,
    title: row.title,
    providerId: row.providerId,
    model: row.model,
    instructions: row.instructions,
    settings: row.settings,
    source: row.source,
    clientName: row.clientName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A workspace's trees, most recently updated first, with their node counts. */
export async function listTrees(db: Db, workspaceId: string): Promise<TreeListItem[]> {
  const rows = await db
    .select({ tree: trees, nodeCount: count(nodes.id) })
    .from(trees)
    .leftJoin(nodes, eq(nodes.treeId, trees.id))
    .where(eq(trees.workspaceId, workspaceId))
    .groupBy(trees.id)
    .orderBy(desc(trees.updatedAt));
  return rows.map((r) => ({ ...toTree(r.tree), nodeCount: Number(r.nodeCount) }));
}

export async function insertTree(db: Db, values: NewTreeRow): Promise<Tree> {
  const [row] = await db.insert(trees).values(values).returning();
  if (!row) throw new Error("insert returned no tree");
  return toTree(row);
}

export async function findTree(db: Db, id: string): Promise<Tree | null> {
  const [row] = await db.select().from(trees).where(eq(trees.id, id));
  return row ? toTree(row) : null;
}

export async function updateTree(
  db: Db,
  id: string,
  patch: Partial<Pick<TreeRow, "title" | "providerId" | "model" | "instructions" | "settings">>,
): Promise<Tree | null> {
  const [row] = await db
    .update(trees)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(trees.id, id))
    .returning();
  return row ? toTree(row) : null;
}

/** Mark a tree as recently used (a node was added). */
export async function touchTree(db: Db, id: string): Promise<void> {
  await db.update(trees).set({ updatedAt: sql`now()` }).where(eq(trees.id, id));
}

export async function deleteTree(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(trees).where(eq(trees.id, id)).returning({ id: trees.id });
  return rows.length > 0;
}
