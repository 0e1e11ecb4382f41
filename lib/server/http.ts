import "server-only";
import type { z } from "zod";
import { ArborError } from "@/lib/errors";

/** A JSON response. */
export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: { "cache-control": "no-store" } });
}

/** The `{error: {code, message}}` response for any thrown value; unexpected errors are logged, not shown. */
export function errorResponse(err: unknown): Response {
  if (err instanceof ArborError) return json(err.toBody(), err.status);
  console.error("[arbor] unexpected error:", err);
  return json({ error: { code: "internal_error", message: "Something went wrong on the server. It has been logged." } }, 500);
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Wrap a route handler so every failure answers the one error shape. */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** Read a JSON body, refusing bodies over `maxBytes` (413) and malformed JSON (400). */
export async function readJson(request: Request, maxBytes = 1_000_000): Promise<unknown> {
  const text = await readText(request, maxBytes);
  if (text.trim() === "") throw new ArborError("invalid_json", "The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ArborError("invalid_json", "The request body is not valid JSON.");
  }
}

async function readText(request: Request, maxBytes: number): Promise<string> {
  const text = await readLimitedText(request, maxBytes);
  if (text === null) throw tooLarge(maxBytes);
  return text;
}

/** A request body as text, or null as soon as it passes `maxBytes` (it is not read further). */
export async function readLimitedText(request: Request, maxBytes: number): Promise<string | null> {
  if (Number(request.headers.get("content-length") ?? "0") > maxBytes) return null;
  if (!request.body) return "";
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
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function tooLarge(maxBytes: number): ArborError {
  return new ArborError("payload_too_large", `The request body is over the limit of ${Math.round(maxBytes / 1024)} KiB.`);
}

/** Parse a value with a zod schema; failures become one readable bad_request. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message));
  throw new ArborError("bad_request", `Invalid request: ${problems.join("; ")}`);
}

/** Parse a JSON body with a schema in one step. */
export async function readBody<S extends z.ZodType>(request: Request, schema: S, maxBytes?: number): Promise<z.infer<S>> {
  return parseWith(schema, await readJson(request, maxBytes));
}

/** An id from the path: short, url-safe, or a not_found. */
export function pathId(value: string | undefined, what: string): string {
  if (!value || !/^[A-Za-z0-9_-]{1,80}$/.test(value)) throw new ArborError("not_found", `No ${what} with id "${value ?? ""}"`);
  return value;
}

/** Encode one Server-Sent Event frame. */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const sseHeaders = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};
