import { z } from "zod";
import { MAX_UPLOAD_BYTES } from "@/lib/contracts/providers";
import { API_CSP } from "@/lib/server/http/headers";
import { OfflineApiError } from "../core/errors";
import { DEFAULT_CHUNKING, type Chunking } from "../files/chunk";
import { searchStores } from "../files/search";
import {
  addFileToStore,
  createStore,
  fileObject,
  listFiles,
  listStoreFiles,
  listStores,
  removeFile,
  removeStore,
  requireFile,
  requireStore,
  storeFile,
  vectorStoreFileObject,
  vectorStoreObject,
} from "../files/service";
import { fileTooLarge, readJsonObject, readUploadForm } from "./body";
import { parseBody } from "./request";
import type { Route } from "./route";

// Files and vector stores, for file search: the endpoints OpenAI's SDK calls, in OpenAI's shapes.

const chunkingSchema = z
  .object({ type: z.literal("static"), static: z.object({ max_chunk_size_tokens: z.number().int().min(100).max(4096), chunk_overlap_tokens: z.number().int().min(0) }) })
  .or(z.object({ type: z.literal("auto") }))
  .optional()
  .transform((c): Chunking => (c?.type === "static" ? { maxChunkSizeTokens: c.static.max_chunk_size_tokens, chunkOverlapTokens: Math.min(c.static.chunk_overlap_tokens, Math.floor(c.static.max_chunk_size_tokens / 2)) } : DEFAULT_CHUNKING));

const createStoreSchema = z.object({
  name: z.string().max(256).optional(),
  file_ids: z.array(z.string()).max(500).optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  chunking_strategy: chunkingSchema,
});
const addFileSchema = z.object({ file_id: z.string().min(1), chunking_strategy: chunkingSchema, attributes: z.record(z.string(), z.unknown()).optional() });
const searchSchema = z.object({ query: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]), max_num_results: z.number().int().min(1).max(50).optional() });

const PURPOSES = ["assistants", "user_data", "vision", "batch", "fine-tune", "evals"];

const list = (data: unknown[]) => ({ object: "list", data, first_id: null, last_id: null, has_more: false });

async function readBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  return parseBody(schema, await readJsonObject(request));
}

/** `POST /files` (multipart: file, purpose). */
async function uploadFile(request: Request): Promise<Response> {
  const form = await readUploadForm(request);
  const file = form.get("file");
  // Not `instanceof File`: the File class of the runtime's multipart parser need not be the global one.
  if (file === null || typeof file === "string") throw new OfflineApiError(400, "Missing required parameter: 'file'.", { param: "file", code: "missing_required_parameter" });
  const purpose = String(form.get("purpose") ?? "assistants");
  if (!PURPOSES.includes(purpose)) {
    throw new OfflineApiError(400, `Invalid value for 'purpose': '${purpose}'.`, { param: "purpose", code: "invalid_value" });
  }
  if (file.size > MAX_UPLOAD_BYTES) throw fileTooLarge();
  const row = await storeFile({ filename: file.name, purpose, bytes: new Uint8Array(await file.arrayBuffer()) });
  return Response.json(fileObject(row));
}

// Types a browser shows as text or hands to a viewer, and never runs; anything else (HTML above all) is served as bytes.
const INERT_TYPES = new Set(["text/plain", "text/markdown", "text/csv", "application/json", "application/pdf"]);

/**
 * `GET /files/:id/content`: the bytes as a download. A stored HTML page opened from the engine's origin would run
 * there, so content is never served as a document: an inert type or octet-stream, an attachment, no sniffing, and a
 * sandboxing CSP should a browser render it anyway.
 */
async function fileContent(id: string | undefined): Promise<Response> {
  const file = await requireFile(id);
  return new Response(Buffer.from(file.contentBase64, "base64"), {
    headers: {
      "content-type": INERT_TYPES.has(file.mimeType) ? file.mimeType : "application/octet-stream",
      "content-disposition": attachment(file.filename),
      "x-content-type-options": "nosniff",
      "content-security-policy": API_CSP,
    },
  });
}

/** `attachment` with the file name twice: plain ASCII for old clients, and exactly, percent-encoded (RFC 6266). */
function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
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

async function addStoreFile(request: Request, id: string | undefined): Promise<Response> {
  const store = await requireStore(id);
  const { file_id, chunking_strategy } = await readBody(request, addFileSchema);
  return Response.json(vectorStoreFileObject(await addFileToStore(store, file_id, chunking_strategy)));
}

/** The routes of files and vector stores. */
export const fileRoutes: Route[] = [
  { method: "POST", pattern: ["files"], handler: uploadFile },
  { method: "GET", pattern: ["files"], handler: async () => Response.json(list(await listFiles())) },
  { method: "GET", pattern: ["files", ":id"], handler: async (_, [id]) => Response.json(fileObject(await requireFile(id))) },
  { method: "GET", pattern: ["files", ":id", "content"], handler: (_, [id]) => fileContent(id) },
  { method: "DELETE", pattern: ["files", ":id"], handler: async (_, [id]) => Response.json(await removeFile(id)) },
  { method: "POST", pattern: ["vector_stores"], handler: createVectorStore },
  { method: "GET", pattern: ["vector_stores"], handler: async () => Response.json(list(await listStores())) },
  { method: "GET", pattern: ["vector_stores", ":id"], handler: async (_, [id]) => Response.json(await vectorStoreObject(await requireStore(id))) },
  { method: "DELETE", pattern: ["vector_stores", ":id"], handler: async (_, [id]) => Response.json(await removeStore(id)) },
  { method: "GET", pattern: ["vector_stores", ":id", "files"], handler: async (_, [id]) => Response.json(list(await listStoreFiles(id))) },
  { method: "POST", pattern: ["vector_stores", ":id", "files"], handler: (request, [id]) => addStoreFile(request, id) },
  { method: "POST", pattern: ["vector_stores", ":id", "search"], handler: (request, [id]) => searchStore(request, id) },
];
