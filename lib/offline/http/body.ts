import { MAX_UPLOAD_BYTES } from "@/lib/contracts/providers";
import { isObject, type JsonObject } from "@/lib/responses/json";
import { readLimitedText } from "@/lib/server/http/body";
import { OfflineApiError } from "../core/errors";

/** Largest JSON body the engine reads: room for long replayed histories with images, not for filling the disk. */
const MAX_JSON_BYTES = 32 * 1024 * 1024;
/** What a multipart upload carries besides the file: its boundaries, headers and the `purpose` field. */
const MAX_FORM_OVERHEAD_BYTES = 64 * 1024;

/** The JSON object of a request body; anything else is an OpenAI-shaped 400. */
export async function readJsonObject(request: Request): Promise<JsonObject> {
  const text = await readLimitedText(request, MAX_JSON_BYTES);
  if (text === null) {
    throw new OfflineApiError(413, `The request body is over the offline engine's limit of ${MAX_JSON_BYTES / 1024 / 1024} MiB.`, { code: "request_too_large" });
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new OfflineApiError(400, "We could not parse the JSON body of your request. The offline engine expects a JSON object.");
  }
  if (!isObject(value)) throw new OfflineApiError(400, "The request body must be a JSON object.");
  return value;
}

/** The size limit of one uploaded file, as the engine words it. */
export function fileTooLarge(): OfflineApiError {
  return new OfflineApiError(413, `Files over ${MAX_UPLOAD_BYTES / 1024 / 1024} MB are not accepted by the offline engine.`, {
    param: "file",
    code: "file_too_large",
  });
}

/** The form of a `multipart/form-data` upload. */
export async function readUploadForm(request: Request): Promise<FormData> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_UPLOAD_BYTES + MAX_FORM_OVERHEAD_BYTES) throw fileTooLarge();
  try {
    return await request.formData();
  } catch {
    throw new OfflineApiError(400, "Expected a multipart/form-data body with a `file` field.", { param: "file" });
  }
}
