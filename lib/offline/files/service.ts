import { customAlphabet } from "nanoid";
import { getDb } from "@/lib/server/db/client";
import {
  deleteOfflineFile,
  deleteVectorStore,
  deleteVectorStoreFile,
  getOfflineFile,
  getVectorStoreFile,
  getVectorStore,
  insertOfflineFile,
  insertVectorStore,
  listFileChunks,
  listOfflineFiles,
  listVectorStoreFiles,
  listVectorStores,
  saveVectorStoreFile,
  updateVectorStore,
  updateVectorStoreFileAttributes,
  vectorStoreUsage,
} from "@/lib/server/db/offline-files";
import type { OfflineFileRow, OfflineVectorStoreFileRow, OfflineVectorStoreRow } from "@/lib/server/db/schema";
import { OfflineApiError } from "../core/errors";
import { chunkText, type Chunking } from "./chunk";
import { contentProblem, ExtractionError, extractText, isSupported, mimeTypeFor, SUPPORTED_EXTENSIONS } from "./extract";

const id = customAlphabet("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 24);
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The OpenAI file object of a stored file. */
export function fileObject(row: Pick<OfflineFileRow, "id" | "bytes" | "createdAt" | "filename" | "purpose">) {
  // expires_at and status_details are left out (the spec types them integer and string, never null).
  return { id: row.id, object: "file", bytes: row.bytes, created_at: seconds(row.createdAt), filename: row.filename, purpose: row.purpose, status: "processed" };
}

/** A file as uploaded: its name, what it is for, its bytes. */
export type Upload = { filename: string; purpose: string; bytes: Uint8Array };

// A control character (NUL above all) in a name breaks the database, headers and the file systems it is saved to.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Store an uploaded file the engine can read; a badly named, empty, unsupported or mislabelled one is refused with the reason. */
export async function storeFile(upload: Upload): Promise<OfflineFileRow> {
  const { filename, purpose, bytes } = upload;
  if (CONTROL_CHARACTER.test(filename)) {
    throw new OfflineApiError(400, "The file name contains a control character (such as NUL); rename the file and upload it again.", { param: "file", code: "invalid_value" });
  }
  if (bytes.byteLength === 0) throw new OfflineApiError(400, `The file "${filename}" is empty.`, { param: "file", code: "empty_file" });
  if (!isSupported(filename)) {
    throw new OfflineApiError(400, `The offline engine cannot read "${filename}". Supported: ${SUPPORTED_EXTENSIONS.join(", ")}.`, { param: "file", code: "unsupported_file" });
  }
  const problem = contentProblem(filename, bytes);
  if (problem) throw new OfflineApiError(400, `${problem}.`, { param: "file", code: "invalid_file" });
  return insertOfflineFile(await getDb(), {
    id: `file-${id()}`,
    filename,
    purpose,
    mimeType: mimeTypeFor(filename),
    bytes: bytes.byteLength,
    contentBase64: Buffer.from(bytes).toString("base64"),
  });
}

/** The stored file with this id, or a 404. */
export async function requireFile(fileId: string | undefined): Promise<OfflineFileRow> {
  const row = fileId ? await getOfflineFile(await getDb(), fileId) : undefined;
  if (!row) throw new OfflineApiError(404, `No such File object: ${fileId ?? ""}`, { param: "id" });
  return row;
}

/** Every stored file (without its bytes), newest first, as file objects. */
export async function listFiles() {
  return (await listOfflineFiles(await getDb())).map(fileObject);
}

/** Delete a stored file (a 404 when there is none). */
export async function removeFile(fileId: string | undefined) {
  const row = await requireFile(fileId);
  await deleteOfflineFile(await getDb(), row.id);
  return { id: row.id, object: "file", deleted: true };
}

/** The OpenAI vector store object, with its file counts and usage. */
export async function vectorStoreObject(row: OfflineVectorStoreRow) {
  const db = await getDb();
  const files = await listVectorStoreFiles(db, [row.id]);
  const completed = files.filter((f) => f.status === "completed").length;
  return {
    id: row.id,
    object: "vector_store",
    created_at: seconds(row.createdAt),
    name: row.name,
    usage_bytes: await vectorStoreUsage(db, row.id),
    file_counts: { in_progress: 0, completed, failed: files.length - completed, cancelled: 0, total: files.length },
    status: "completed",
    expires_at: null,
    last_active_at: seconds(row.createdAt),
    metadata: row.metadata,
  };
}

/** The OpenAI vector store file object. */
export function vectorStoreFileObject(row: OfflineVectorStoreFileRow) {
  return {
    id: row.fileId,
    object: "vector_store.file",
    usage_bytes: row.usageBytes,
    created_at: seconds(row.createdAt),
    vector_store_id: row.vectorStoreId,
    status: row.status,
    last_error: row.lastError ?? null,
    chunking_strategy: { type: "static", static: { max_chunk_size_tokens: row.chunking.maxChunkSizeTokens, chunk_overlap_tokens: row.chunking.chunkOverlapTokens } },
    attributes: row.attributes,
  };
}

/** The vector store with this id, or a 404. */
export async function requireStore(storeId: string | undefined): Promise<OfflineVectorStoreRow> {
  const row = storeId ? await getVectorStore(await getDb(), storeId) : undefined;
  if (!row) throw new OfflineApiError(404, `No vector store found with id '${storeId ?? ""}'.`, { param: "vector_store_id" });
  return row;
}

/** Extract, chunk and index one file into a store; an unreadable file is recorded as failed with the reason. */
export async function addFileToStore(store: OfflineVectorStoreRow, fileId: string, chunking: Chunking, attributes: FileAttributes = {}): Promise<OfflineVectorStoreFileRow> {
  const file = await requireFile(fileId);
  const db = await getDb();
  const row = { vectorStoreId: store.id, fileId, chunking, attributes };
  try {
    const text = await extractText(file.filename, Buffer.from(file.contentBase64, "base64"));
    const chunks = chunkText(text, chunking);
    return await saveVectorStoreFile(db, { ...row, status: "completed", usageBytes: Buffer.byteLength(text) }, chunks);
  } catch (err) {
    if (!(err instanceof ExtractionError)) throw err;
    const code = err.code === "unsupported_file" ? "unsupported_file" : "invalid_file";
    return saveVectorStoreFile(db, { ...row, status: "failed", lastError: { code, message: err.message } }, []);
  }
}

/** A vector store file's attributes: up to 16 keys with string, number or boolean values. */
export type FileAttributes = Record<string, string | number | boolean>;

/** The file of a store, or a 404. */
export async function requireStoreFile(storeId: string | undefined, fileId: string | undefined): Promise<OfflineVectorStoreFileRow> {
  const store = await requireStore(storeId);
  const row = fileId ? await getVectorStoreFile(await getDb(), store.id, fileId) : undefined;
  if (!row) throw new OfflineApiError(404, `No file found with id '${fileId ?? ""}' in vector store '${store.id}'.`, { param: "file_id" });
  return row;
}

/** Take a file out of a store (a 404 when it is not in it); the file itself stays. */
export async function removeStoreFile(storeId: string | undefined, fileId: string | undefined) {
  const row = await requireStoreFile(storeId, fileId);
  await deleteVectorStoreFile(await getDb(), row.vectorStoreId, row.fileId);
  return { id: row.fileId, object: "vector_store.file.deleted", deleted: true };
}

/** Replace a store file's attributes. */
export async function setStoreFileAttributes(storeId: string | undefined, fileId: string | undefined, attributes: FileAttributes) {
  const row = await requireStoreFile(storeId, fileId);
  const updated = await updateVectorStoreFileAttributes(await getDb(), row.vectorStoreId, row.fileId, attributes);
  return vectorStoreFileObject(updated ?? row);
}

/** The text the store indexed of one file, as the `vector_store.file_content.page` of its chunks. */
export async function storeFileContent(storeId: string | undefined, fileId: string | undefined) {
  const row = await requireStoreFile(storeId, fileId);
  const chunks = await listFileChunks(await getDb(), row.vectorStoreId, row.fileId);
  return { object: "vector_store.file_content.page", data: chunks.map((text) => ({ type: "text", text })), has_more: false, next_page: null };
}

/** Rename a store or replace its metadata. */
export async function changeStore(storeId: string | undefined, change: { name?: string; metadata?: Record<string, string> }) {
  const store = await requireStore(storeId);
  return vectorStoreObject((await updateVectorStore(await getDb(), store.id, change)) ?? store);
}

/** Create a vector store, indexing the given files into it. */
export async function createStore(store: { name: string; metadata: Record<string, string>; fileIds: readonly string[]; chunking: Chunking }) {
  const db = await getDb();
  for (const fileId of store.fileIds) await requireFile(fileId);
  const row = await insertVectorStore(db, { id: `vs_${id()}`, name: store.name, metadata: store.metadata });
  for (const fileId of store.fileIds) await addFileToStore(row, fileId, store.chunking);
  return vectorStoreObject(row);
}

/** Every vector store, newest first, as vector store objects. */
export async function listStores() {
  return Promise.all((await listVectorStores(await getDb())).map(vectorStoreObject));
}

/** Delete a vector store (a 404 when there is none); its files stay. */
export async function removeStore(storeId: string | undefined) {
  const store = await requireStore(storeId);
  await deleteVectorStore(await getDb(), store.id);
  return { id: store.id, object: "vector_store.deleted", deleted: true };
}

/** The files of a vector store, as vector store file objects. */
export async function listStoreFiles(storeId: string | undefined) {
  const store = await requireStore(storeId);
  return (await listVectorStoreFiles(await getDb(), [store.id])).map(vectorStoreFileObject);
}
