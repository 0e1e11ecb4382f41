import { z } from "zod";
import { readLimitedText } from "@/lib/server/http/body";
import { OfflineApiError } from "./errors";
import { OFFLINE_MODEL_IDS } from "./models";
import { newItemId } from "./response";
import { validateTextFormat } from "./text-format";
import { validateTools } from "./tools";

/** A stored input or output item: plain JSON with at least a `type` and an `id`. */
export type Item = Record<string, unknown> & { type: string; id: string };

const contentPart = z.looseObject({ type: z.string().min(1) });

const messageInput = z.looseObject({
  type: z.literal("message").optional(),
  role: z.enum(["user", "assistant", "system", "developer"]),
  content: z.union([z.string(), z.array(contentPart)]),
  id: z.string().optional(),
  status: z.enum(["in_progress", "completed", "incomplete"]).optional(),
});

// Other item kinds (function_call_output, reasoning, replayed tool calls…) are kept verbatim.
const otherInput = z.looseObject({ type: z.string().min(1).refine((t) => t !== "message"), id: z.string().optional() });

/** `input`: a string (one user message) or a list of items. */
export const inputSchema = z.union([z.string(), z.array(z.union([messageInput, otherInput]))]);

const toolSchema = z.looseObject({ type: z.string().min(1) });

// OpenAI's `IncludeEnum`: anything else is a 400.
const INCLUDE_VALUES = [
  "file_search_call.results",
  "web_search_call.results",
  "web_search_call.action.sources",
  "message.input_image.image_url",
  "computer_call_output.output.image_url",
  "code_interpreter_call.outputs",
  "reasoning.encrypted_content",
  "message.output_text.logprobs",
] as const;

/** The body of `POST /responses` that the engine reads; unknown fields are accepted and ignored, as clients send many. */
export const createResponseBodySchema = z.looseObject({
  model: z.string(),
  input: inputSchema.optional(),
  instructions: z.string().nullish(),
  previous_response_id: z.string().min(1).nullish(),
  stream: z.boolean().nullish(),
  store: z.boolean().nullish(),
  background: z.boolean().nullish(),
  max_output_tokens: z.int().min(16).nullish(),
  max_tool_calls: z.int().min(0).nullish(),
  metadata: z.record(z.string().max(64), z.string().max(512)).nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_logprobs: z.int().min(0).max(20).nullish(),
  tools: z.array(toolSchema).nullish(),
  include: z.array(z.enum(INCLUDE_VALUES)).nullish(),
  tool_choice: z.union([z.enum(["none", "auto", "required"]), z.looseObject({ type: z.string() })]).nullish(),
  text: z
    .looseObject({
      format: z.looseObject({ type: z.enum(["text", "json_schema", "json_object"]) }).optional(),
      verbosity: z.enum(["low", "medium", "high"]).nullish(),
    })
    .nullish(),
  reasoning: z
    .looseObject({
      effort: z.enum(["none", "minimal", "low", "medium", "high", "xhigh", "max"]).nullish(),
      summary: z.enum(["auto", "concise", "detailed"]).nullish(),
    })
    .nullish(),
  truncation: z.enum(["auto", "disabled"]).nullish(),
  service_tier: z.enum(["auto", "default", "flex", "scale", "priority", "fast", "ultrafast"]).nullish(),
  user: z.string().nullish(),
  safety_identifier: z.string().max(64).nullish(),
  prompt_cache_key: z.string().nullish(),
});
export type CreateResponseBody = z.infer<typeof createResponseBodySchema>;

/** Read and validate a create request: malformed JSON, bad fields and unknown models become OpenAI-shaped 400s. */
export async function parseCreateBody(request: Request): Promise<CreateResponseBody> {
  const body = parseBody(createResponseBodySchema, await readJsonObject(request));
  assertOfflineModel(body.model);
  validateTools(body.tools);
  validateTextFormat(body.text?.format);
  return body;
}

/** Largest request body the engine reads: room for long replayed histories with images, not for filling the disk. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** The JSON object of a request body with a `model`; anything else is an OpenAI-shaped 400. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const text = await readLimitedText(request, MAX_BODY_BYTES);
  if (text === null) {
    throw new OfflineApiError(413, `The request body is over the offline engine's limit of ${MAX_BODY_BYTES / 1024 / 1024} MiB.`, { code: "request_too_large" });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch {
    throw new OfflineApiError(
      400,
      "We could not parse the JSON body of your request. The offline engine expects a JSON object.",
    );
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new OfflineApiError(400, "The request body must be a JSON object.");
  }
  if (!("model" in raw) || raw.model === undefined || raw.model === null) {
    throw new OfflineApiError(400, "Missing required parameter: 'model'.", {
      param: "model",
      code: "missing_required_parameter",
    });
  }
  return raw as Record<string, unknown>;
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
export function assertOfflineModel(model: string): void {
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

/** Items as the API lists them: a string becomes one user message, every item gets an id and (messages) a status. */
export function normalizeInput(input: CreateResponseBody["input"]): Item[] {
  if (input === undefined) return [];
  if (typeof input === "string") {
    return [{ id: newItemId("message"), type: "message", role: "user", status: "completed", content: [{ type: "input_text", text: input }] }];
  }
  return input.map((item): Item => {
    if (item.type !== undefined && item.type !== "message") return { ...item, type: item.type, id: item.id ?? newItemId(item.type) };
    const message = item as z.infer<typeof messageInput>;
    const content = typeof message.content === "string" ? [textPart(message.role, message.content)] : message.content;
    return { ...message, id: message.id ?? newItemId("message"), type: "message", status: message.status ?? "completed", content };
  });
}

// An assistant turn replayed as a string is stored as the output message it stands for.
function textPart(role: string, text: string): Record<string, unknown> {
  return role === "assistant" ? { type: "output_text", text, annotations: [], logprobs: [] } : { type: "input_text", text };
}
