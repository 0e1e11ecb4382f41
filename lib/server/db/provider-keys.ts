import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { providerKeys } from "./schema";

/** Which providers a workspace has its own key for, and when each was set (never the key). */
export async function listProviderKeys(db: Db, workspaceId: string): Promise<{ providerId: string; updatedAt: Date }[]> {
  return db.select({ providerId: providerKeys.providerId, updatedAt: providerKeys.updatedAt }).from(providerKeys).where(eq(providerKeys.workspaceId, workspaceId));
}

export async function findSealedKey(db: Db, workspaceId: string, providerId: string): Promise<{ ciphertext: string; updatedAt: Date } | null> {
  const [row] = await db
    .select({ ciphertext: providerKeys.ciphertext, updatedAt: providerKeys.updatedAt })
    .from(providerKeys)
    .where(and(eq(providerKeys.workspaceId, workspaceId), eq(providerKeys.providerId, providerId)));
  return row ?? null;
}

export async function upsertSealedKey(db: Db, workspaceId: string, providerId: string, ciphertext: string, updatedBy: string): Promise<void> {
  await db
    .insert(providerKeys)
    .values({ workspaceId, providerId, ciphertext, updatedBy })
    .onConflictDoUpdate({ target: [providerKeys.workspaceId, providerKeys.providerId], set: { ciphertext, updatedBy, updatedAt: sql`now()` } });
}

export async function deleteSealedKey(db: Db, workspaceId: string, providerId: string): Promise<boolean> {
  const rows = await db.delete(providerKeys).where(and(eq(providerKeys.workspaceId, workspaceId), eq(providerKeys.providerId, providerId))).returning({ id: providerKeys.providerId });
  return rows.length > 0;
}
