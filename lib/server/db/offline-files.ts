import { and, asc, desc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Db } from "./client";
import {
  offlineChunks,
  offlineFileBatches,
  offlineFiles,
  offlineVectorStoreFiles,
  offlineVectorStores,
  type OfflineFileBatchRow,
  type OfflineFileRow,
  type OfflineVectorStoreFileRow,
  type OfflineVectorStoreRow,
} from "./schema";

export async function insertOfflineFile(db: Db, row: typeof offlineFiles.$inferInsert): Promise<OfflineFileRow> {
  const [saved] = await db.insert(offlineFiles).values(row).returning();
  if (!saved) throw new Error("insert returned no file");
  return saved;
}

export async function getOfflineFile(db: Db, id: string): Promise<OfflineFileRow | undefined> {
  return (await db.select().from(offlineFiles).where(eq(offlineFiles.id, id)).limit(1))[0];
}

/** Files without their content, newest first. */
export async function listOfflineFiles(db: Db): Promise<Omit<OfflineFileRow, "contentBase64">[]> {
  const { contentBase64: _content, ...columns } = getTableColumns(offlineFiles);
  return db.select(columns).from(offlineFiles).orderBy(desc(offlineFiles.createdAt));
}

export async function deleteOfflineFile(db: Db, id: string): Promise<boolean> {
  return (await db.delete(offlineFiles).where(eq(offlineFiles.id, id)).returning({ id: offlineFiles.id })).length > 0;
}

export async function insertVectorStore(db: Db, row: typeof offlineVectorStores.$inferInsert): Promise<OfflineVectorStoreRow> {
  const [saved] = await db.insert(offlineVectorStores).values(row).returning();
  if (!saved) throw new Error("insert returned no vector store");
  return saved;
}

export async function getVectorStore(db: Db, id: string): Promise<OfflineVectorStoreRow | undefined> {
  return (await db.select().from(offlineVectorStores).where(eq(offlineVectorStores.id, id)).limit(1))[0];
}

export async function listVectorStores(db: Db): Promise<OfflineVectorStoreRow[]> {
  return db.select().from(offlineVectorStores).orderBy(desc(offlineVectorStores.createdAt));
}

export async function deleteVectorStore(db: Db, id: string): Promise<boolean> {
  return (await db.delete(offlineVectorStores).where(eq(offlineVectorStores.id, id)).returning({ id: offlineVectorStores.id })).length > 0;
}

/** Record a file's processing in a store and replace its chunks, in one transaction. */
export async function saveVectorStoreFile(db: Db, row: typeof offlineVectorStoreFiles.$inferInsert, chunks: readonly string[]): Promise<OfflineVectorStoreFileRow> {
  return db.transaction(async (tx) => {
    const where = and(eq(offlineVectorStoreFiles.vectorStoreId, row.vectorStoreId), eq(offlineVectorStoreFiles.fileId, row.fileId));
    await tx.delete(offlineVectorStoreFiles).where(where);
    const [saved] = await tx.insert(offlineVectorStoreFiles).values(row).returning();
    if (chunks.length) {
      await tx.insert(offlineChunks).values(chunks.map((text, index) => ({ vectorStoreId: row.vectorStoreId, fileId: row.fileId, index, text })));
    }
    if (!saved) throw new Error("insert returned no vector store file");
    return saved;
  });
}

export async function listVectorStoreFiles(db: Db, vectorStoreIds: readonly string[]): Promise<OfflineVectorStoreFileRow[]> {
  if (vectorStoreIds.length === 0) return [];
  return db
    .select()
    .from(offlineVectorStoreFiles)
    .where(inArray(offlineVectorStoreFiles.vectorStoreId, [...vectorStoreIds]))
    .orderBy(asc(offlineVectorStoreFiles.createdAt));
}

/** Every chunk of the given stores, with its file's name. */
export async function listChunks(db: Db, vectorStoreIds: readonly string[]) {
  if (vectorStoreIds.length === 0) return [];
  return db
    .select({ vectorStoreId: offlineChunks.vectorStoreId, fileId: offlineChunks.fileId, index: offlineChunks.index, text: offlineChunks.text, filename: offlineFiles.filename })
    .from(offlineChunks)
    .innerJoin(offlineFiles, eq(offlineFiles.id, offlineChunks.fileId))
    .where(inArray(offlineChunks.vectorStoreId, [...vectorStoreIds]))
    .orderBy(asc(offlineChunks.fileId), asc(offlineChunks.index));
}

/** Bytes of text indexed per store. */
export async function vectorStoreUsage(db: Db, id: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${offlineVectorStoreFiles.usageBytes}), 0)::int` })
    .from(offlineVectorStoreFiles)
    .where(eq(offlineVectorStoreFiles.vectorStoreId, id));
  return Number(row?.total ?? 0);
}

/** Rename a store or replace its metadata. */
export async function updateVectorStore(db: Db, id: string, change: { name?: string; metadata?: Record<string, string> }): Promise<OfflineVectorStoreRow | undefined> {
  if (change.name === undefined && change.metadata === undefined) return getVectorStore(db, id);
  return (await db.update(offlineVectorStores).set(change).where(eq(offlineVectorStores.id, id)).returning())[0];
}

const storeFileWhere = (vectorStoreId: string, fileId: string) =>
  and(eq(offlineVectorStoreFiles.vectorStoreId, vectorStoreId), eq(offlineVectorStoreFiles.fileId, fileId));

/** One file of a store, or undefined. */
export async function getVectorStoreFile(db: Db, vectorStoreId: string, fileId: string): Promise<OfflineVectorStoreFileRow | undefined> {
  return (await db.select().from(offlineVectorStoreFiles).where(storeFileWhere(vectorStoreId, fileId)).limit(1))[0];
}

/** Take a file out of a store (its chunks go with it; the file itself stays). */
export async function deleteVectorStoreFile(db: Db, vectorStoreId: string, fileId: string): Promise<boolean> {
  return (await db.delete(offlineVectorStoreFiles).where(storeFileWhere(vectorStoreId, fileId)).returning({ fileId: offlineVectorStoreFiles.fileId })).length > 0;
}

/** Replace a store file's attributes. */
export async function updateVectorStoreFileAttributes(
  db: Db,
  vectorStoreId: string,
  fileId: string,
  attributes: Record<string, string | number | boolean>,
): Promise<OfflineVectorStoreFileRow | undefined> {
  return (await db.update(offlineVectorStoreFiles).set({ attributes }).where(storeFileWhere(vectorStoreId, fileId)).returning())[0];
}

/** The indexed text of one store file, chunk by chunk, in order. */
export async function listFileChunks(db: Db, vectorStoreId: string, fileId: string): Promise<string[]> {
  const rows = await db
    .select({ text: offlineChunks.text })
    .from(offlineChunks)
    .where(and(eq(offlineChunks.vectorStoreId, vectorStoreId), eq(offlineChunks.fileId, fileId)))
    .orderBy(asc(offlineChunks.index));
  return rows.map((r) => r.text);
}

export async function insertFileBatch(db: Db, row: typeof offlineFileBatches.$inferInsert): Promise<OfflineFileBatchRow> {
  const [saved] = await db.insert(offlineFileBatches).values(row).returning();
  if (!saved) throw new Error("insert returned no file batch");
  return saved;
}

export async function getFileBatch(db: Db, vectorStoreId: string, id: string): Promise<OfflineFileBatchRow | undefined> {
  return (await db.select().from(offlineFileBatches).where(and(eq(offlineFileBatches.id, id), eq(offlineFileBatches.vectorStoreId, vectorStoreId))).limit(1))[0];
}
