import { MAX_UPLOAD_BYTES } from "@/lib/contracts/providers";
import { API_CSP } from "@/lib/server/http/headers";
import { OfflineApiError } from "../core/errors";
import { fileObject, listFiles, removeFile, requireFile, storeFile } from "../files/service";
import { fileTooLarge, readUploadForm } from "./body";
import { cursorPage } from "./pagination";
import type { Route } from "./route";

// Files, for file search: the endpoints OpenAI's SDK calls, in OpenAI's shapes (vector stores: vector-stores.ts).

const PURPOSES = ["assistants", "user_data", "vision", "batch", "fine-tune", "evals"];

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

/** `GET /files`: a cursor page, newest first unless `order=asc`, of one `purpose` when asked. */
async function listFilePage(request: Request): Promise<Response> {
  const purpose = new URL(request.url).searchParams.get("purpose");
  const files = (await listFiles()).filter((f) => purpose === null || f.purpose === purpose).reverse();
  return Response.json(cursorPage(request, files, "file", { maxLimit: 10_000 }));
}

/** The routes of files. */
export const fileRoutes: Route[] = [
  { method: "POST", pattern: ["files"], handler: uploadFile },
  { method: "GET", pattern: ["files"], handler: listFilePage },
  { method: "GET", pattern: ["files", ":id"], handler: async (_, [id]) => Response.json(fileObject(await requireFile(id))) },
  { method: "GET", pattern: ["files", ":id", "content"], handler: (_, [id]) => fileContent(id) },
  { method: "DELETE", pattern: ["files", ":id"], handler: async (_, [id]) => Response.json(await removeFile(id)) },
];
