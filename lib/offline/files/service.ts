import { customAlphabet } from "nanoid";
import MiniSearch from "minisearch";
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import {
  deleteOfflineFile,
  deleteVectorStore,
  getOfflineFile,
  getVectorStore,
  insertOfflineFile,
  insertVectorStore,
  listChunks,
  listOfflineFiles,
  listVectorStoreFiles,
  listVectorStores,
  saveVectorStoreFile,
  vectorStoreUsage,
} from "@/lib/server/db/offline-files";
import type { OfflineFileRow, OfflineVectorStoreFileRow, OfflineVectorStoreRow } from "@/lib/server/db/schema";
import { OfflineApiError } from "../errors";
import { baseIndexOptions, fuzzySearchOptions } from "../text-search";
import { chunkText, DEFAULT_CHUNKING, type Chunking } from "./chunk";
import { ExtractionError, extractText, isSupported, mimeTypeFor, SUPPORTED_EXTENSIONS } from "./extract";

const id = customAlphabet("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 24);
/** Largest file the offline engine accepts. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The OpenAI file object of a stored file. */
export function fileObject(row: Pick<OfflineFileRow, "id" | "bytes" | "createdAt" | "filename" | "purpose">) {
  // expires_at and status_details are left out (the spec types them integer and string, never null).
  return { id: row.id, object: "file", bytes: row.bytes, created_at: seconds(row.createdAt), filename: row.filename, purpose: row.purpose, status: "processed" };
}

/** `POST /files` (multipart: file, purpose). */
export async function uploadFile(request: Request): Promise<OfflineFileRow> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_FILE_BYTES + 64 * 1024) throw tooLarge();
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new OfflineApiError(400, "Expected a multipart/form-data body with a `file` field.", { param: "file" });
  }
  const file = form.get("file");
  // Not `instanceof File`: the File class of the runtime's multipart parser need not be the global one.
  if (file === null || typeof file === "string") throw new OfflineApiError(400, "Missing required parameter: 'file'.", { param: "file", code: "missing_required_parameter" });
  const purpose = String(form.get("purpose") ?? "assistants");
  if (!["assistants", "user_data", "vision", "batch", "fine-tune", "evals"].includes(purpose)) {
    throw new OfflineApiError(400, `Invalid value for 'purpose': '${purpose}'.`, { param: "purpose", code: "invalid_value" });
  }
  if (file.size > MAX_FILE_BYTES) throw tooLarge();
  if (file.size === 0) throw new OfflineApiError(400, `The file "${file.name}" is empty.`, { param: "file", code: "empty_file" });
  if (!isSupported(file.name)) {
    throw new OfflineApiError(400, `The offline engine cannot read "${file.name}". Supported: ${SUPPORTED_EXTENSIONS.join(", ")}.`, { param: "file", code: "unsupported_file" });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  return insertOfflineFile(await getDb(), {
    id: `file-${id()}`,
    filename: file.name,
    purpose,
    mimeType: mimeTypeFor(file.name),
    bytes: bytes.byteLength,
    contentBase64: Buffer.from(bytes).toString("base64"),
  });
}

function tooLarge(): OfflineApiError {
  return new OfflineApiError(413, `Files over ${MAX_FILE_BYTES / 1024 / 1024} MB are not accepted by the offline engine.`, { param: "file", code: "file_too_large" });
}

export async function requireFile(fileId: string | undefined): Promise<OfflineFileRow> {
  const row = fileId ? await getOfflineFile(await getDb(), fileId) : undefined;
  if (!row) throw new OfflineApiError(404, `No such File object: ${fileId ?? ""}`, { param: "id" });
  return row;
}

export async function listFiles() {
  return (await listOfflineFiles(await getDb())).map(fileObject);
}

export async function removeFile(fileId: string | undefined) {
  const row = await requireFile(fileId);
  await deleteOfflineFile(await getDb(), row.id);
  return { id: row.id, object: "file", deleted: true };
}

const chunkingSchema = z
  .object({ type: z.literal("static"), static: z.object({ max_chunk_size_tokens: z.number().int().min(100).max(4096), chunk_overlap_tokens: z.number().int().min(0) }) })
  .or(z.object({ type: z.literal("auto") }))
  .optional()
  .transform((c): Chunking => (c?.type === "static" ? { maxChunkSizeTokens: c.static.max_chunk_size_tokens, chunkOverlapTokens: Math.min(c.static.chunk_overlap_tokens, Math.floor(c.static.max_chunk_size_tokens / 2)) } : DEFAULT_CHUNKING));

export const createStoreSchema = z.object({
  name: z.string().max(256).optional(),
  file_ids: z.array(z.string()).max(500).optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  chunking_strategy: chunkingSchema,
});
export const addFileSchema = z.object({ file_id: z.string().min(1), chunking_strategy: chunkingSchema, attributes: z.record(z.string(), z.unknown()).optional() });

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
    attributes: {},
  };
}

export async function requireStore(storeId: string | undefined): Promise<OfflineVectorStoreRow> {
  const row = storeId ? await getVectorStore(await getDb(), storeId) : undefined;
  if (!row) throw new OfflineApiError(404, `No vector store found with id '${storeId ?? ""}'.`, { param: "vector_store_id" });
  return row;
}

/** Extract, chunk and index one file into a store; an unreadable file is recorded as failed with the reason. */
export async function addFileToStore(store: OfflineVectorStoreRow, fileId: string, chunking: Chunking): Promise<OfflineVectorStoreFileRow> {
  const file = await requireFile(fileId);
  const db = await getDb();
  try {
    const text = await extractText(file.filename, Buffer.from(file.contentBase64, "base64"));
    const chunks = chunkText(text, chunking);
    return await saveVectorStoreFile(db, { vectorStoreId: store.id, fileId, status: "completed", usageBytes: Buffer.byteLength(text), chunking }, chunks);
  } catch (err) {
    if (!(err instanceof ExtractionError)) throw err;
    const code = err.code === "unsupported_file" ? "unsupported_file" : "invalid_file";
    return saveVectorStoreFile(db, { vectorStoreId: store.id, fileId, status: "failed", lastError: { code, message: err.message }, chunking }, []);
  }
}

export async function createStore(body: z.infer<typeof createStoreSchema>) {
  const db = await getDb();
  for (const fileId of body.file_ids ?? []) await requireFile(fileId);
  const store = await insertVectorStore(db, { id: `vs_${id()}`, name: body.name ?? "", metadata: body.metadata ?? {} });
  for (const fileId of body.file_ids ?? []) await addFileToStore(store, fileId, body.chunking_strategy);
  return vectorStoreObject(store);
}

export async function listStores() {
  return Promise.all((await listVectorStores(await getDb())).map(vectorStoreObject));
}

export async function removeStore(storeId: string | undefined) {
  const store = await requireStore(storeId);
  await deleteVectorStore(await getDb(), store.id);
  return { id: store.id, object: "vector_store.deleted", deleted: true };
}

export async function listStoreFiles(storeId: string | undefined) {
  const store = await requireStore(storeId);
  return (await listVectorStoreFiles(await getDb(), [store.id])).map(vectorStoreFileObject);
}

/** One retrieved chunk: which file, how well it matched (0–1, best = 1), its text. */
export type SearchHit = { fileId: string; filename: string; score: number; text: string };

/** Full-text search (MiniSearch's BM25+) over the chunks of the given stores, best first. */
export async function searchStores(storeIds: readonly string[], query: string, limit = 10): Promise<SearchHit[]> {
  const chunks = await listChunks(await getDb(), storeIds);
  if (chunks.length === 0 || query.trim() === "") return [];
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ["text"], storeFields: [], ...baseIndexOptions, searchOptions: fuzzySearchOptions });
  index.addAll(chunks.map((chunk, i) => ({ id: i, text: chunk.text })));
  const found = index.search(query).slice(0, limit);
  const best = found[0]?.score ?? 1;
  return found.map((hit) => {
    const chunk = chunks[hit.id as number]!;
    return { fileId: chunk.fileId, filename: chunk.filename, score: Math.round((hit.score / best) * 10_000) / 10_000, text: chunk.text };
  });
}
