import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { apiTokens, type ApiTokenRow, type NewApiTokenRow } from "./schema";

export async function insertApiToken(db: Db, values: NewApiTokenRow): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  if (!row) throw new Error("insert returned no token");
  return row;
}

/** A user's tokens in a workspace, newest first. */
export async function listApiTokens(db: Db, userId: string, workspaceId: string): Promise<ApiTokenRow[]> {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), eq(apiTokens.workspaceId, workspaceId)))
    .orderBy(desc(apiTokens.createdAt));
}

/** The token with this hash, if it exists. */
export async function findApiTokenByHash(db: Db, tokenHash: string): Promise<ApiTokenRow | null> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash));
  return row ?? null;
}

/** Delete a user's own token; false when there is none with this id. */
export async function deleteApiToken(db: Db, id: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export async function touchApiToken(db: Db, id: string, at: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}
