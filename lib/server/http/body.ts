import "server-only";
import type { z } from "zod";
import { ArborError } from "@/lib/contracts/errors";

/** How deeply a request's JSON may nest; deeper documents are refused before anything reads them. */
export const MAX_JSON_DEPTH = 100;

/** The media type of a request (`application/json`, `multipart/form-data`…), lowercased, without parameters. */
export function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * Read a JSON body: `application/json` only (a form or text/plain post from another page is refused, 415), at most
 * `maxBytes` (413), valid JSON (400) with no NUL characters and no deeper than MAX_JSON_DEPTH (400).
 */
export async function readJson(request: Request, maxBytes = 1_000_000): Promise<unknown> {
  const type = mediaType(request);
  if (type !== "application/json" && !type.endsWith("+json")) {
    throw new ArborError("unsupported_media_type", `Send the body as JSON with Content-Type: application/json${type ? ` (not ${type.slice(0, 80)})` : ""}.`);
  }
  const bytes = await readLimitedBytes(request, maxBytes);
  if (bytes === null) throw tooLarge(maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ArborError("invalid_json", "The request body is not valid UTF-8.");
  }
  if (text.trim() === "") throw new ArborError("invalid_json", "The request body is empty; send a JSON object.");
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new ArborError("invalid_json", "The request body is not valid JSON.");
  }
  const problem = jsonProblem(value);
  if (problem) throw new ArborError("bad_request", `Invalid request: ${problem}`);
  return value;
}

/** Why a parsed JSON value cannot be stored (a NUL character, nesting too deep), or null. */
export function jsonProblem(value: unknown): string | null {
  const stack: [unknown, number, string][] = [[value, 0, "body"]];
  while (stack.length > 0) {
    const [current, depth, path] = stack.pop()!;
    if (typeof current === "string") {
      if (current.includes("\u0000")) return `${path} contains a NUL character (\\u0000), which cannot be stored`;
      continue;
    }
    if (typeof current !== "object" || current === null) continue;
    if (depth >= MAX_JSON_DEPTH) return `the JSON nests more than ${MAX_JSON_DEPTH} levels deep`;
    for (const [key, child] of Object.entries(current)) {
      if (key.includes("\u0000")) return `${path} has a key with a NUL character (\\u0000)`;
      stack.push([child, depth + 1, Array.isArray(current) ? `${path}[${key}]` : `${path}.${key}`]);
    }
  }
  return null;
}

/** A request body's bytes, or null as soon as it passes `maxBytes` (it is not read further, chunked or not). */
export async function readLimitedBytes(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (Number(request.headers.get("content-length") ?? "0") > maxBytes) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** A request body as text, or null as soon as it passes `maxBytes`. */
export async function readLimitedText(request: Request, maxBytes: number): Promise<string | null> {
  const bytes = await readLimitedBytes(request, maxBytes);
  return bytes === null ? null : new TextDecoder().decode(bytes);
}

/**
 * Read a `multipart/form-data` body of at most `maxBytes`: reading stops at the limit, so a chunked upload of any size
 * is refused (413) after `maxBytes`, not buffered whole first.
 */
export async function readForm(request: Request, maxBytes: number, tooLargeMessage?: string): Promise<FormData> {
  if (mediaType(request) !== "multipart/form-data") {
    throw new ArborError("bad_request", "Send the file as multipart/form-data in a field named `file`.");
  }
  const bytes = await readLimitedBytes(request, maxBytes);
  if (bytes === null) throw tooLarge(maxBytes, tooLargeMessage);
  try {
    return await new Response(Buffer.from(bytes), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new ArborError("bad_request", "The multipart body could not be read.");
  }
}

function tooLarge(maxBytes: number, message?: string): ArborError {
  return new ArborError("payload_too_large", message ?? `The request body is over the limit of ${Math.round(maxBytes / 1024)} KiB.`);
}

/** Parse a value with a zod schema; failures become one readable bad_request. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 10).map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message));
  throw new ArborError("bad_request", `Invalid request: ${problems.join("; ")}`);
}

/** Parse a JSON body with a schema in one step. */
export async function readBody<S extends z.ZodType>(request: Request, schema: S, maxBytes?: number): Promise<z.infer<S>> {
  return parseWith(schema, await readJson(request, maxBytes));
}

/** Parse the query string with a schema. */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  return parseWith(schema, Object.fromEntries(new URL(request.url).searchParams));
}

/** An id from the path: short, url-safe, or a not_found. */
export function pathId(value: string | undefined, what: string): string {
  if (!value || !/^[A-Za-z0-9_-]{1,80}$/.test(value)) throw new ArborError("not_found", `No ${what} with id "${(value ?? "").slice(0, 80)}"`);
  return value;
}
