import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { nodes, shares, trees } from "./schema";

/** Who a resource belongs to: its workspace, its creator and (for a node or a share) its tree's creator. */
export type Ownership = { workspaceId: string; createdBy: string | null; treeCreatedBy: string | null };

export async function treeOwnership(db: Db, id: string): Promise<Ownership | null> {
  const [row] = await db.select({ workspaceId: trees.workspaceId, createdBy: trees.createdBy }).from(trees).where(eq(trees.id, id));
  return row ? { ...row, treeCreatedBy: row.createdBy } : null;
}

export async function nodeOwnership(db: Db, id: string): Promise<Ownership | null> {
  const [row] = await db
    .select({ workspaceId: trees.workspaceId, createdBy: nodes.createdBy, treeCreatedBy: trees.createdBy })
    .from(nodes)
    .innerJoin(trees, eq(trees.id, nodes.treeId))
    .where(eq(nodes.id, id));
  return row ?? null;
}

export async function shareOwnership(db: Db, id: string): Promise<Ownership | null> {
  const [row] = await db
    .select({ workspaceId: trees.workspaceId, createdBy: shares.createdBy, treeCreatedBy: trees.createdBy })
    .from(shares)
    .innerJoin(trees, eq(trees.id, shares.treeId))
    .where(eq(shares.id, id));
  return row ?? null;
}
