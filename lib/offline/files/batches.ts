import { customAlphabet } from "nanoid";
import { getDb } from "@/lib/server/db/client";
import { getFileBatch, insertFileBatch, listVectorStoreFiles } from "@/lib/server/db/offline-files";
import type { OfflineFileBatchRow, OfflineVectorStoreFileRow, OfflineVectorStoreRow } from "@/lib/server/db/schema";
import { OfflineApiError } from "../core/errors";
import type { Chunking } from "./chunk";
import { addFileToStore, requireFile, requireStore, type FileAttributes } from "./service";

// File batches: several files added to a store by one request. The engine indexes them while answering, so a batch
// is `completed` (or its files `failed`) as soon as it is created; the SDK's pollers see that on their first look.

const id = customAlphabet("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 24);

/** One file of a batch: its id, and the chunking and attributes it is indexed with. */
export type BatchFile = { fileId: string; chunking: Chunking; attributes: FileAttributes };

/** The OpenAI `vector_store.files_batch` object, with counts from the files as they stand in the store. */
export function fileBatchObject(batch: OfflineFileBatchRow, files: readonly OfflineVectorStoreFileRow[]) {
  const completed = files.filter((f) => f.status === "completed").length;
  return {
    id: batch.id,
    object: "vector_store.files_batch",
    created_at: Math.floor(batch.createdAt.getTime() / 1000),
    vector_store_id: batch.vectorStoreId,
    status: "completed",
    file_counts: { in_progress: 0, completed, failed: files.length - completed, cancelled: 0, total: batch.fileIds.length },
  };
}

/** Add the files to the store as one batch; every file must exist before any is indexed. */
export async function createFileBatch(store: OfflineVectorStoreRow, files: readonly BatchFile[]) {
  for (const file of files) await requireFile(file.fileId);
  for (const file of files) await addFileToStore(store, file.fileId, file.chunking, file.attributes);
  const batch = await insertFileBatch(await getDb(), { id: `vsfb_${id()}`, vectorStoreId: store.id, fileIds: files.map((f) => f.fileId) });
  return fileBatchObject(batch, await filesOfBatch(batch));
}

/** The batch with this id in this store, or a 404. */
export async function requireFileBatch(storeId: string | undefined, batchId: string | undefined): Promise<OfflineFileBatchRow> {
  const store = await requireStore(storeId);
  const batch = batchId ? await getFileBatch(await getDb(), store.id, batchId) : undefined;
  if (!batch) throw new OfflineApiError(404, `No file batch found with id '${batchId ?? ""}' in vector store '${store.id}'.`, { param: "batch_id" });
  return batch;
}

/** The store files a batch added that are still in the store, oldest first. */
export async function filesOfBatch(batch: OfflineFileBatchRow): Promise<OfflineVectorStoreFileRow[]> {
  const inBatch = new Set(batch.fileIds);
  return (await listVectorStoreFiles(await getDb(), [batch.vectorStoreId])).filter((f) => inBatch.has(f.fileId));
}
