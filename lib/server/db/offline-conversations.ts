import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { offlineConversationItems, offlineConversations, type OfflineConversationRow } from "./schema";

export async function insertConversation(db: Db, row: typeof offlineConversations.$inferInsert): Promise<OfflineConversationRow> {
  const [saved] = await db.insert(offlineConversations).values(row).returning();
  if (!saved) throw new Error("insert returned no conversation");
  return saved;
}

export async function getConversation(db: Db, id: string): Promise<OfflineConversationRow | undefined> {
  return (await db.select().from(offlineConversations).where(eq(offlineConversations.id, id)).limit(1))[0];
}

export async function updateConversationMetadata(db: Db, id: string, metadata: Record<string, string>): Promise<OfflineConversationRow | undefined> {
  return (await db.update(offlineConversations).set({ metadata }).where(eq(offlineConversations.id, id)).returning())[0];
}

export async function deleteConversation(db: Db, id: string): Promise<boolean> {
  return (await db.delete(offlineConversations).where(eq(offlineConversations.id, id)).returning({ id: offlineConversations.id })).length > 0;
}

/** Append items at the end of a conversation, in order, in one transaction. */
export async function appendConversationItems(db: Db, conversationId: string, items: readonly Record<string, unknown>[]): Promise<void> {
  if (items.length === 0) return;
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ next: sql<number>`coalesce(max(${offlineConversationItems.position}) + 1, 0)::int` })
      .from(offlineConversationItems)
      .where(eq(offlineConversationItems.conversationId, conversationId));
    const start = Number(row?.next ?? 0);
    await tx.insert(offlineConversationItems).values(items.map((item, i) => ({ conversationId, itemId: String(item.id), position: start + i, item })));
  });
}

/** Every item of a conversation, oldest first. */
export async function listConversationItems(db: Db, conversationId: string): Promise<Record<string, unknown>[]> {
  const rows = await db
    .select({ item: offlineConversationItems.item })
    .from(offlineConversationItems)
    .where(eq(offlineConversationItems.conversationId, conversationId))
    .orderBy(asc(offlineConversationItems.position));
  return rows.map((r) => r.item);
}

export async function deleteConversationItem(db: Db, conversationId: string, itemId: string): Promise<boolean> {
  const where = and(eq(offlineConversationItems.conversationId, conversationId), eq(offlineConversationItems.itemId, itemId));
  return (await db.delete(offlineConversationItems).where(where).returning({ id: offlineConversationItems.itemId })).length > 0;
}
