import { z } from "zod";
import { OfflineApiError } from "../errors";
import {
  addFileSchema,
  addFileToStore,
  createStore,
  createStoreSchema,
  fileObject,
  listFiles,
  listStoreFiles,
  listStores,
  removeFile,
  removeStore,
  requireFile,
  requireStore,
  searchStores,
  uploadFile,
  vectorStoreFileObject,
  vectorStoreObject,
} from "./service";

type Handler = (request: Request, params: string[]) => Promise<Response>;

async function body<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    throw new OfflineApiError(400, "We could not parse the JSON body of your request.", { code: "invalid_json" });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OfflineApiError(400, `Invalid request: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "bad body"}`, { param: issue?.path.join(".") ?? null });
  }
  return parsed.data;
}

const list = (data: unknown[]) => ({ object: "list", data, first_id: null, last_id: null, has_more: false });
const searchSchema = z.object({ query: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]), max_num_results: z.number().int().min(1).max(50).optional() });

/** Files and vector stores, for file search: the endpoints OpenAI's SDK calls, in OpenAI's shapes. */
export const fileRoutes: { method: string; pattern: string[]; handler: Handler }[] = [
  { method: "POST", pattern: ["files"], handler: async (request) => Response.json(fileObject(await uploadFile(request))) },
  { method: "GET", pattern: ["files"], handler: async () => Response.json(list(await listFiles())) },
  { method: "GET", pattern: ["files", ":id"], handler: async (_, [id]) => Response.json(fileObject(await requireFile(id))) },
  {
    method: "GET",
    pattern: ["files", ":id", "content"],
    handler: async (_, [id]) => {
      const file = await requireFile(id);
      return new Response(Buffer.from(file.contentBase64, "base64"), { headers: { "content-type": file.mimeType } });
    },
  },
  { method: "DELETE", pattern: ["files", ":id"], handler: async (_, [id]) => Response.json(await removeFile(id)) },
  { method: "POST", pattern: ["vector_stores"], handler: async (request) => Response.json(await createStore(await body(request, createStoreSchema))) },
  { method: "GET", pattern: ["vector_stores"], handler: async () => Response.json(list(await listStores())) },
  { method: "GET", pattern: ["vector_stores", ":id"], handler: async (_, [id]) => Response.json(await vectorStoreObject(await requireStore(id))) },
  { method: "DELETE", pattern: ["vector_stores", ":id"], handler: async (_, [id]) => Response.json(await removeStore(id)) },
  { method: "GET", pattern: ["vector_stores", ":id", "files"], handler: async (_, [id]) => Response.json(list(await listStoreFiles(id))) },
  {
    method: "POST",
    pattern: ["vector_stores", ":id", "files"],
    handler: async (request, [id]) => {
      const store = await requireStore(id);
      const { file_id, chunking_strategy } = await body(request, addFileSchema);
      return Response.json(vectorStoreFileObject(await addFileToStore(store, file_id, chunking_strategy)));
    },
  },
  {
    method: "POST",
    pattern: ["vector_stores", ":id", "search"],
    handler: async (request, [id]) => {
      const store = await requireStore(id);
      const { query, max_num_results } = await body(request, searchSchema);
      const text = Array.isArray(query) ? query.join(" ") : query;
      const hits = await searchStores([store.id], text, max_num_results ?? 10);
      return Response.json({
        object: "vector_store.search_results.page",
        search_query: Array.isArray(query) ? query : [query],
        data: hits.map((hit) => ({ file_id: hit.fileId, filename: hit.filename, score: hit.score, attributes: {}, content: [{ type: "text", text: hit.text }] })),
        has_more: false,
        next_page: null,
      });
    },
  },
];
