import { z } from "zod";
import { DEFAULT_CHUNKING, type Chunking } from "../files/chunk";
import { createFileBatch, fileBatchObject, filesOfBatch, requireFileBatch, type BatchFile } from "../files/batches";
import { searchStores } from "../files/search";
import {
  addFileToStore,
  changeStore,
  createStore,
  listStoreFiles,
  listStores,
  removeStore,
  removeStoreFile,
  requireStore,
  requireStoreFile,
  setStoreFileAttributes,
  storeFileContent,
  vectorStoreFileObject,
  vectorStoreObject,
} from "../files/service";
import { readJsonObject } from "./body";
import { cursorPage } from "./pagination";
import { parseBody } from "./request";
import type { Route } from "./route";

// Vector stores, their files and file batches: every endpoint the SDK's `vectorStores` resource calls, in OpenAI's
// shapes, so its helpers (`createAndPoll`, `uploadAndPoll`, `poll`, paginated `list`) work against the engine.

const chunkingSchema = z
  .object({ type: z.literal("static"), static: z.object({ max_chunk_size_tokens: z.number().int().min(100).max(4096), chunk_overlap_tokens: z.number().int().min(0) }) })
  .or(z.object({ type: z.literal("auto") }))
  .optional()
  .transform((c): Chunking => (c?.type === "static" ? { maxChunkSizeTokens: c.static.max_chunk_size_tokens, chunkOverlapTokens: Math.min(c.static.chunk_overlap_tokens, Math.floor(c.static.max_chunk_size_tokens / 2)) } : DEFAULT_CHUNKING));

// OpenAI's `VectorStoreFileAttributes`: at most 16 keys, values strings (up to 512 characters), numbers or booleans.
const attributesSchema = z
  .record(z.string().max(64), z.union([z.string().max(512), z.number(), z.boolean()]))
  .refine((a) => Object.keys(a).length <= 16, "at most 16 attributes")
  .nullish()
  .transform((a) => a ?? {});

const metadataSchema = z.record(z.string().max(64), z.string().max(512));
const createStoreSchema = z.object({
  name: z.string().max(256).optional(),
  file_ids: z.array(z.string()).max(500).optional(),
  metadata: metadataSchema.optional(),
  chunking_strategy: chunkingSchema,
});
const updateStoreSchema = z.object({ name: z.string().max(256).nullish(), metadata: metadataSchema.nullish() });
const addFileSchema = z.object({ file_id: z.string().min(1), chunking_strategy: chunkingSchema, attributes: attributesSchema });
const updateFileSchema = z.object({ attributes: attributesSchema });
const searchSchema = z.object({ query: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]), max_num_results: z.number().int().min(1).max(50).optional() });
// A batch names its files either as `file_ids` (sharing one chunking and attributes) or as `files`, each with its own.
const createBatchSchema = z
  .object({
    file_ids: z.array(z.string().min(1)).min(1).max(500).optional(),
    files: z.array(z.object({ file_id: z.string().min(1), chunking_strategy: chunkingSchema, attributes: attributesSchema })).min(1).max(500).optional(),
    chunking_strategy: chunkingSchema,
    attributes: attributesSchema,
  })
  .refine((b) => (b.file_ids === undefined) !== (b.files === undefined), { message: "Give exactly one of 'file_ids' or 'files'.", path: ["file_ids"] });

const FILE_STATUSES = new Set(["in_progress", "completed", "failed", "cancelled"]);

async function readBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  return parseBody(schema, await readJsonObject(request));
}

/** The `filter` query of a store file list (by status); an unknown status matches nothing rather than everything. */
function statusFilter(request: Request): (status: string) => boolean {
  const filter = new URL(request.url).searchParams.get("filter");
  return (status) => filter === null || (FILE_STATUSES.has(filter) && status === filter);
}

async function searchStore(request: Request, id: string | undefined): Promise<Response> {
  const store = await requireStore(id);
  const { query, max_num_results } = await readBody(request, searchSchema);
  const text = Array.isArray(query) ? query.join(" ") : query;
  const hits = await searchStores([store.id], text, max_num_results ?? 10);
  return Response.json({
    object: "vector_store.search_results.page",
    search_query: Array.isArray(query) ? query : [query],
    data: hits.map((hit) => ({ file_id: hit.fileId, filename: hit.filename, score: hit.score, attributes: {}, content: [{ type: "text", text: hit.text }] })),
    has_more: false,
    next_page: null,
  });
}

async function createVectorStore(request: Request): Promise<Response> {
  const body = await readBody(request, createStoreSchema);
  const store = { name: body.name ?? "", metadata: body.metadata ?? {}, fileIds: body.file_ids ?? [], chunking: body.chunking_strategy };
  return Response.json(await createStore(store));
}

async function updateVectorStore(request: Request, id: string | undefined): Promise<Response> {
  const { name, metadata } = await readBody(request, updateStoreSchema);
  return Response.json(await changeStore(id, { ...(name != null ? { name } : {}), ...(metadata != null ? { metadata } : {}) }));
}

async function listVectorStores(request: Request): Promise<Response> {
  return Response.json(cursorPage(request, (await listStores()).reverse(), "vector store"));
}

async function addStoreFile(request: Request, id: string | undefined): Promise<Response> {
  const store = await requireStore(id);
  const { file_id, chunking_strategy, attributes } = await readBody(request, addFileSchema);
  return Response.json(vectorStoreFileObject(await addFileToStore(store, file_id, chunking_strategy, attributes)));
}

async function listStoreFilePage(request: Request, id: string | undefined): Promise<Response> {
  const keep = statusFilter(request);
  return Response.json(cursorPage(request, (await listStoreFiles(id)).filter((f) => keep(f.status)), "file in this vector store"));
}

async function createBatch(request: Request, id: string | undefined): Promise<Response> {
  const store = await requireStore(id);
  const body = await readBody(request, createBatchSchema);
  const files: BatchFile[] = body.files
    ? body.files.map((f) => ({ fileId: f.file_id, chunking: f.chunking_strategy, attributes: f.attributes }))
    : (body.file_ids ?? []).map((fileId) => ({ fileId, chunking: body.chunking_strategy, attributes: body.attributes }));
  return Response.json(await createFileBatch(store, files));
}

async function batch(storeId: string | undefined, batchId: string | undefined): Promise<Response> {
  const row = await requireFileBatch(storeId, batchId);
  return Response.json(fileBatchObject(row, await filesOfBatch(row)));
}

async function listBatchFiles(request: Request, storeId: string | undefined, batchId: string | undefined): Promise<Response> {
  const keep = statusFilter(request);
  const files = (await filesOfBatch(await requireFileBatch(storeId, batchId))).filter((f) => keep(f.status)).map(vectorStoreFileObject);
  return Response.json(cursorPage(request, files, "file in this batch"));
}

/** The routes of vector stores, their files and file batches. */
export const vectorStoreRoutes: Route[] = [
  { method: "POST", pattern: ["vector_stores"], handler: createVectorStore },
  { method: "GET", pattern: ["vector_stores"], handler: listVectorStores },
  { method: "GET", pattern: ["vector_stores", ":id"], handler: async (_, [id]) => Response.json(await vectorStoreObject(await requireStore(id))) },
  { method: "POST", pattern: ["vector_stores", ":id"], handler: (request, [id]) => updateVectorStore(request, id) },
  { method: "DELETE", pattern: ["vector_stores", ":id"], handler: async (_, [id]) => Response.json(await removeStore(id)) },
  { method: "POST", pattern: ["vector_stores", ":id", "search"], handler: (request, [id]) => searchStore(request, id) },
  { method: "GET", pattern: ["vector_stores", ":id", "files"], handler: (request, [id]) => listStoreFilePage(request, id) },
  { method: "POST", pattern: ["vector_stores", ":id", "files"], handler: (request, [id]) => addStoreFile(request, id) },
  { method: "GET", pattern: ["vector_stores", ":id", "files", ":id"], handler: async (_, [id, fileId]) => Response.json(vectorStoreFileObject(await requireStoreFile(id, fileId))) },
  {
    method: "POST",
    pattern: ["vector_stores", ":id", "files", ":id"],
    handler: async (request, [id, fileId]) => Response.json(await setStoreFileAttributes(id, fileId, (await readBody(request, updateFileSchema)).attributes)),
  },
  { method: "DELETE", pattern: ["vector_stores", ":id", "files", ":id"], handler: async (_, [id, fileId]) => Response.json(await removeStoreFile(id, fileId)) },
  { method: "GET", pattern: ["vector_stores", ":id", "files", ":id", "content"], handler: async (_, [id, fileId]) => Response.json(await storeFileContent(id, fileId)) },
  { method: "POST", pattern: ["vector_stores", ":id", "file_batches"], handler: (request, [id]) => createBatch(request, id) },
  { method: "GET", pattern: ["vector_stores", ":id", "file_batches", ":id"], handler: (_, [id, batchId]) => batch(id, batchId) },
  // Every batch has finished by the time it is answered: there is nothing left to cancel, and the batch says so.
  { method: "POST", pattern: ["vector_stores", ":id", "file_batches", ":id", "cancel"], handler: (_, [id, batchId]) => batch(id, batchId) },
  { method: "GET", pattern: ["vector_stores", ":id", "file_batches", ":id", "files"], handler: (request, [id, batchId]) => listBatchFiles(request, id, batchId) },
];
