import "server-only";
import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Db } from "./client";
import { shares, type ShareRow } from "./schema";

export async function insertShare(db: Db, values: typeof shares.$inferInsert): Promise<ShareRow> {
  const [row] = await db.insert(shares).values(values).returning();
  if (!row) throw new Error("insert returned no share");
  return row;
}

/** A tree's links, newest first (expired ones included, so they can be seen and removed). */
export async function listShares(db: Db, treeId: string): Promise<ShareRow[]> {
  return db.select().from(shares).where(eq(shares.treeId, treeId)).orderBy(desc(shares.createdAt));
}

/** A link that works now: it exists (not revoked) and has not expired. */
export async function findLiveShare(db: Db, token: string): Promise<ShareRow | null> {
  const [row] = await db
    .select()
    .from(shares)
    .where(and(eq(shares.token, token), or(isNull(shares.expiresAt), gt(shares.expiresAt, sql`now()`))));
  return row ?? null;
}

export async function deleteShare(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(shares).where(eq(shares.id, id)).returning({ id: shares.id });
  return rows.length > 0;
}
