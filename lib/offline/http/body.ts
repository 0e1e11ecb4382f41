import { ArborError } from "@/lib/contracts/errors";
import { MAX_UPLOAD_BYTES } from "@/lib/contracts/providers";
import { isObject, type JsonObject } from "@/lib/responses/json";
import { mediaType, readForm, readJson } from "@/lib/server/http/body";
import { OfflineApiError } from "../core/errors";
import { fromArborError } from "./errors";

// Bodies are read by Arbor's shared readers: JSON only as application/json (a type no form or no-cors fetch of a web
// page can send), uploads only as multipart/form-data, reading stopped at the limit, NUL characters and deep nesting
// refused. Their refusals are answered in OpenAI's shape.

/** Largest JSON body the engine reads: room for long replayed histories with images, not for filling the disk. */
const MAX_JSON_BYTES = 32 * 1024 * 1024;
/** What a multipart upload carries besides the file: its boundaries, headers and the `purpose` field. */
const MAX_FORM_OVERHEAD_BYTES = 64 * 1024;

/** The JSON object of a request body; anything else is an OpenAI-shaped 400 (415 when it is not sent as JSON). */
export async function readJsonObject(request: Request): Promise<JsonObject> {
  let value: unknown;
  try {
    value = await readJson(request, MAX_JSON_BYTES);
  } catch (err) {
    if (!(err instanceof ArborError)) throw err;
    const message = err.code === "payload_too_large" ? `The request body is over the offline engine's limit of ${MAX_JSON_BYTES / 1024 / 1024} MiB.` : undefined;
    throw fromArborError(err, { message });
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

/** The form of a `multipart/form-data` upload; reading stops once the body passes what one file may take. */
export async function readUploadForm(request: Request): Promise<FormData> {
  if (mediaType(request) !== "multipart/form-data") {
    throw new OfflineApiError(415, "Send the file as multipart/form-data, in a field named `file`.", { param: "file", code: "unsupported_media_type" });
  }
  try {
    return await readForm(request, MAX_UPLOAD_BYTES + MAX_FORM_OVERHEAD_BYTES);
  } catch (err) {
    if (!(err instanceof ArborError)) throw err;
    throw err.code === "payload_too_large" ? fileTooLarge() : fromArborError(err, { param: "file" });
  }
}
