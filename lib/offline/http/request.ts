import type { z } from "zod";
import { objects, type JsonObject } from "@/lib/responses/json";
import { OfflineApiError } from "../core/errors";
import { newItemId } from "../core/ids";
import { CONTENT_PART_TYPES, createResponseBodySchema, type CreateResponseBody, type MessageInput } from "../core/request-body";
import type { Item } from "../core/types";
import { OFFLINE_MODEL_IDS } from "../models/registry";
import { validateTextFormat } from "../tools/text-format";
import { validateTools } from "../tools/offered";
import { readJsonObject } from "./body";

/** Read and validate a create request: malformed JSON, bad fields and unknown models become OpenAI-shaped 400s. */
export async function parseCreateBody(request: Request): Promise<CreateResponseBody> {
  const body = await parseModelBody(request, createResponseBodySchema);
  validateContentParts(body.input);
  validateTools(body.tools);
  validateTextFormat(body.text?.format);
  return body;
}

/** Read a body that names an offline `model` and parse it with `schema`. */
export async function parseModelBody<T extends z.ZodType<{ model: string }>>(request: Request, schema: T): Promise<z.infer<T>> {
  const raw = await readJsonObject(request);
  if (raw.model === undefined || raw.model === null) {
    throw new OfflineApiError(400, "Missing required parameter: 'model'.", { param: "model", code: "missing_required_parameter" });
  }
  const body = parseBody(schema, raw);
  assertOfflineModel(body.model);
  return body;
}

/** Parse a request body with `schema`; the first issue becomes a 400 naming its parameter. */
export function parseBody<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const param = issue ? formatParam(issue.path) : null;
  throw new OfflineApiError(400, `Invalid value for '${param ?? "body"}': ${issue?.message ?? "invalid request"}.`, {
    param,
    code: issue?.code === "invalid_type" ? "invalid_type" : "invalid_value",
  });
}

/** 400 `model_not_found` unless the offline engine serves `model`. */
function assertOfflineModel(model: string): void {
  if (OFFLINE_MODEL_IDS.includes(model)) return;
  throw new OfflineApiError(
    400,
    `The requested model '${model}' does not exist. The offline engine serves: ${OFFLINE_MODEL_IDS.join(", ")}.`,
    { param: "model", code: "model_not_found" },
  );
}

/** `input[0].content` from a zod issue path. */
function formatParam(path: readonly PropertyKey[]): string | null {
  if (path.length === 0) return null;
  return path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), "");
}

/** Refuse, as OpenAI does, a message content part of a type no message can carry, naming where it is. */
export function validateContentParts(input: CreateResponseBody["input"]): void {
  if (!Array.isArray(input)) return;
  const known: readonly string[] = CONTENT_PART_TYPES;
  for (const [i, item] of input.entries()) {
    if (item.type !== undefined && item.type !== "message") continue;
    for (const [j, part] of objects(item.content).entries()) {
      const type = String(part.type);
      if (known.includes(type)) continue;
      const supported = CONTENT_PART_TYPES.map((t) => `'${t}'`).join(", ");
      throw new OfflineApiError(400, `Invalid value: '${type}'. Supported values are: ${supported}.`, {
        param: `input[${i}].content[${j}].type`,
        code: "invalid_value",
      });
    }
  }
}

/** Items as the API lists them: a string becomes one user message, every item gets an id and (messages) a status. */
export function normalizeInput(input: CreateResponseBody["input"]): Item[] {
  if (input === undefined) return [];
  if (typeof input === "string") {
    return [{ id: newItemId("message"), type: "message", role: "user", status: "completed", content: [{ type: "input_text", text: input }] }];
  }
  return input.map((item): Item => {
    if (item.type !== undefined && item.type !== "message") return { ...item, type: item.type, id: item.id ?? newItemId(item.type) };
    const message = item as MessageInput;
    const content = typeof message.content === "string" ? [textPart(message.role, message.content)] : message.content;
    return { ...message, id: message.id ?? newItemId("message"), type: "message", status: message.status ?? "completed", content };
  });
}

// An assistant turn replayed as a string is stored as the output message it stands for.
function textPart(role: string, text: string): JsonObject {
  return role === "assistant" ? { type: "output_text", text, annotations: [], logprobs: [] } : { type: "input_text", text };
}
