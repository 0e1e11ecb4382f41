import { z } from "zod";

// Zod schemas of the Responses API objects and stream events, written for Arbor from two specs: OpenAI's OpenAPI
// (`Response`, `ResponseUsage`, `OutputMessage`, `ResponseItemList`, the stream events) and Open Responses
// (`ResponseResource`, `ItemField`, the `*StreamingEvent`s). Where the two differ, a field is required when either
// requires it, so an object that parses here passes both (hosted tools, which Open Responses does not define, are
// checked against OpenAI's shapes only). Objects are loose: providers add fields, and an unknown field must never make
// a valid Response fail to parse.

const nullable = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

export const responseStatusSchema = z.enum(["completed", "failed", "in_progress", "cancelled", "queued", "incomplete"]);

/** `ResponseUsage`: token counts, with the cached and reasoning breakdowns. */
export const responseUsageSchema = z.looseObject({
  input_tokens: z.int().min(0),
  input_tokens_details: z.looseObject({ cached_tokens: z.int().min(0), cache_write_tokens: z.int().min(0) }),
  output_tokens: z.int().min(0),
  output_tokens_details: z.looseObject({ reasoning_tokens: z.int().min(0) }),
  total_tokens: z.int().min(0),
});

/** `ResponseError`: why a response failed. */
export const responseErrorSchema = z.looseObject({ code: z.string(), message: z.string() });

/** `UrlCitationBody`: a web page supporting `text.slice(start_index, end_index)`. */
export const urlCitationSchema = z.looseObject({
  type: z.literal("url_citation"),
  url: z.string(),
  title: z.string(),
  start_index: z.int().min(0),
  end_index: z.int().min(0),
});

/** `FileCitationBody`: a file supporting the text up to `index`. */
export const fileCitationSchema = z.looseObject({
  type: z.literal("file_citation"),
  file_id: z.string(),
  filename: z.string(),
  index: z.int().min(0),
});

const checkedAnnotationTypes = new Set(["url_citation", "file_citation"]);

/** `Annotation`: URL and file citations in full, other kinds only by their `type`. */
export const annotationSchema = z.union([
  urlCitationSchema,
  fileCitationSchema,
  z.looseObject({ type: z.string().refine((t) => !checkedAnnotationTypes.has(t), "a citation of a known kind must match its schema") }),
]);

/** `OutputTextContent`: one text part of an assistant message. */
export const outputTextSchema = z.looseObject({
  type: z.literal("output_text"),
  text: z.string(),
  annotations: z.array(annotationSchema),
  logprobs: z.array(z.looseObject({ token: z.string(), logprob: z.number() })),
});

/** `OutputMessage`: an assistant message item. */
export const outputMessageSchema = z.looseObject({
  id: z.string(),
  type: z.literal("message"),
  role: z.literal("assistant"),
  status: z.enum(["in_progress", "completed", "incomplete"]),
  content: z.array(z.union([outputTextSchema, z.looseObject({ type: z.literal("refusal"), refusal: z.string() })])),
});

const itemStatus = z.enum(["in_progress", "completed", "incomplete"]);

/** `WebSearchToolCall` with a `search` action (`sources` only when `include` asks for them). */
export const webSearchCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal("web_search_call"),
  status: z.enum(["in_progress", "searching", "completed", "failed"]),
  action: z.looseObject({
    type: z.literal("search"),
    query: z.string().optional(),
    sources: z.array(z.looseObject({ type: z.literal("url"), url: z.string() })).optional(),
  }),
});

/** `FileSearchToolCall`: the queries run and, when `include` asks, the chunks retrieved with their scores. */
export const fileSearchCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal("file_search_call"),
  status: z.enum(["in_progress", "searching", "completed", "incomplete", "failed"]),
  queries: z.array(z.string()),
  results: nullable(
    z.array(z.looseObject({ file_id: z.string(), filename: z.string(), text: z.string(), score: z.number().min(0).max(1), attributes: z.record(z.string(), z.unknown()) })),
  ).optional(),
});

/** `FunctionToolCall` as output: a call the client runs; `arguments` is a JSON string (Open Responses requires id and status). */
export const functionCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal("function_call"),
  call_id: z.string(),
  name: z.string(),
  arguments: z.string(),
  status: itemStatus,
});

/** `FunctionCallOutput` as listed back by the API: the client's answer to a call. */
export const functionCallOutputSchema = z.looseObject({
  id: z.string(),
  type: z.literal("function_call_output"),
  call_id: z.string(),
  output: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]),
  status: itemStatus,
});

/** `CodeInterpreterToolCall`: the code run in a container, and its outputs when `include` asks for them. */
export const codeInterpreterCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal("code_interpreter_call"),
  status: z.enum(["in_progress", "completed", "incomplete", "interpreting", "failed"]),
  container_id: z.string(),
  code: nullable(z.string()),
  outputs: nullable(
    z.array(
      z.union([
        z.looseObject({ type: z.literal("logs"), logs: z.string() }),
        z.looseObject({ type: z.literal("image"), url: z.string() }),
      ]),
    ),
  ),
});

const summaryTextSchema = z.looseObject({ type: z.literal("summary_text"), text: z.string() });

/** `ReasoningItem`: the model's reasoning, with its summary parts. */
export const reasoningItemSchema = z.looseObject({
  id: z.string(),
  type: z.literal("reasoning"),
  summary: z.array(summaryTextSchema),
  encrypted_content: nullable(z.string()).optional(),
  status: itemStatus.optional(),
});

const checkedItemTypes = new Set(["message", "web_search_call", "file_search_call", "function_call", "function_call_output", "code_interpreter_call", "reasoning"]);

/** Any output item: the kinds above are checked in full, other kinds only by their `type` (kept verbatim). */
export const outputItemSchema = z.union([
  outputMessageSchema,
  webSearchCallSchema,
  fileSearchCallSchema,
  functionCallSchema,
  functionCallOutputSchema,
  codeInterpreterCallSchema,
  reasoningItemSchema,
  z.looseObject({ type: z.string().refine((t) => !checkedItemTypes.has(t), "an item of a known kind must match its schema") }),
]);

/** `FunctionTool` as echoed in a Response: Open Responses requires every field, null where unset. */
export const functionToolSchema = z.looseObject({
  type: z.literal("function"),
  name: z.string(),
  description: nullable(z.string()),
  parameters: nullable(z.record(z.string(), z.unknown())),
  strict: nullable(z.boolean()),
});

/**
 * `Response` (OpenAI) and `ResponseResource` (Open Responses): every field either spec requires, with its type.
 * Open Responses adds `completed_at`, the penalties, `top_logprobs`, `safety_identifier`, `prompt_cache_key` and
 * `metadata` to OpenAI's required list, and wants `background` and `service_tier` never null.
 */
export const responseSchema = z.looseObject({
  id: z.string().min(1),
  object: z.literal("response"),
  created_at: z.int(),
  completed_at: nullable(z.int()),
  status: responseStatusSchema,
  background: z.boolean(),
  error: nullable(responseErrorSchema),
  incomplete_details: nullable(z.looseObject({ reason: z.enum(["max_output_tokens", "content_filter"]) })),
  instructions: nullable(z.union([z.string(), z.array(z.looseObject({}))])),
  max_output_tokens: nullable(z.int()),
  max_tool_calls: nullable(z.int()),
  model: z.string().min(1),
  output: z.array(outputItemSchema),
  parallel_tool_calls: z.boolean(),
  previous_response_id: nullable(z.string()),
  reasoning: nullable(
    z.looseObject({
      effort: nullable(z.enum(["none", "minimal", "low", "medium", "high", "xhigh", "max"])),
      summary: nullable(z.enum(["auto", "concise", "detailed"])),
    }),
  ),
  service_tier: z.enum(["auto", "default", "flex", "scale", "priority", "fast", "ultrafast"]),
  store: z.boolean(),
  temperature: z.number().min(0).max(2),
  text: z.looseObject({
    format: z.looseObject({ type: z.enum(["text", "json_schema", "json_object"]) }),
    verbosity: nullable(z.enum(["low", "medium", "high"])).optional(),
  }),
  tool_choice: z.union([z.enum(["none", "auto", "required"]), z.looseObject({ type: z.string() })]),
  tools: z.array(z.union([functionToolSchema, z.looseObject({ type: z.string().refine((t) => t !== "function", "a function tool must match its schema") })])),
  top_logprobs: z.int().min(0).max(20),
  top_p: z.number().min(0).max(1),
  presence_penalty: z.number().min(-2).max(2),
  frequency_penalty: z.number().min(-2).max(2),
  truncation: z.enum(["auto", "disabled"]),
  usage: nullable(responseUsageSchema),
  user: nullable(z.string()),
  metadata: z.record(z.string(), z.string()),
  safety_identifier: nullable(z.string()),
  prompt_cache_key: nullable(z.string()),
});
export type ResponseObject = z.infer<typeof responseSchema>;

/** `CompactionBody`: the item `POST /responses/compact` returns in place of the turns it folded (its content is opaque). */
export const compactionItemSchema = z.looseObject({
  id: z.string(),
  type: z.literal("compaction"),
  encrypted_content: z.string(),
  created_by: z.string().optional(),
});

/** A user message as listed back by the API (`Message` with role `user`): id, status and content parts. */
export const inputMessageItemSchema = z.looseObject({
  id: z.string(),
  type: z.literal("message"),
  role: z.literal("user"),
  status: z.enum(["in_progress", "completed", "incomplete"]),
  content: z.array(z.looseObject({ type: z.string() })),
});

/** `CompactResource`: the answer of `POST /responses/compact`, the user messages then one compaction item. */
export const compactedResponseSchema = z.looseObject({
  id: z.string().min(1),
  object: z.literal("response.compaction"),
  created_at: z.int(),
  output: z.array(z.union([inputMessageItemSchema, compactionItemSchema])),
  usage: responseUsageSchema,
});
export type CompactedResponse = z.infer<typeof compactedResponseSchema>;

/** `ResponseItemList`: a page of a response's input items. */
export const responseItemListSchema = z.looseObject({
  object: z.literal("list"),
  data: z.array(z.looseObject({ id: z.string(), type: z.string() })),
  first_id: nullable(z.string()),
  last_id: nullable(z.string()),
  has_more: z.boolean(),
});

/** What every stream event carries. */
export const streamEventBaseSchema = z.looseObject({ type: z.string().min(1), sequence_number: z.int().min(0) });

const eventBase = { sequence_number: z.int().min(0) };
const itemAt = { ...eventBase, item_id: z.string(), output_index: z.int().min(0) };
const summaryAt = { ...itemAt, summary_index: z.int().min(0) };
const textAt = { ...itemAt, content_index: z.int().min(0) };
const withResponse = z.looseObject({ ...eventBase, response: responseSchema });
const contentPartSchema = z.union([outputTextSchema, z.looseObject({ type: z.literal("refusal"), refusal: z.string() }), summaryTextSchema, z.looseObject({ type: z.literal("reasoning_text"), text: z.string() })]);

/** `ErrorPayload` / `ResponseErrorEvent`: an error event carries its fields at the top (OpenAI) and in `error` (Open Responses). */
const errorEventSchema = z.looseObject({
  ...eventBase,
  code: nullable(z.string()),
  message: z.string(),
  param: nullable(z.string()),
  error: z.looseObject({ type: z.string(), code: nullable(z.string()), message: z.string(), param: nullable(z.string()) }),
});

/** The stream events both specs define, keyed by `type`, each checked in full. */
export const streamEventSchemas = {
  "response.created": withResponse,
  "response.queued": withResponse,
  "response.in_progress": withResponse,
  "response.completed": withResponse,
  "response.failed": withResponse,
  "response.incomplete": withResponse,
  "response.output_item.added": z.looseObject({ ...eventBase, output_index: z.int().min(0), item: outputItemSchema }),
  "response.output_item.done": z.looseObject({ ...eventBase, output_index: z.int().min(0), item: outputItemSchema }),
  "response.content_part.added": z.looseObject({ ...textAt, part: contentPartSchema }),
  "response.content_part.done": z.looseObject({ ...textAt, part: contentPartSchema }),
  "response.output_text.delta": z.looseObject({ ...textAt, delta: z.string() }),
  "response.output_text.done": z.looseObject({ ...textAt, text: z.string() }),
  "response.output_text.annotation.added": z.looseObject({ ...textAt, annotation_index: z.int().min(0), annotation: annotationSchema }),
  "response.refusal.delta": z.looseObject({ ...textAt, delta: z.string() }),
  "response.refusal.done": z.looseObject({ ...textAt, refusal: z.string() }),
  "response.reasoning_text.delta": z.looseObject({ ...textAt, delta: z.string() }),
  "response.reasoning_text.done": z.looseObject({ ...textAt, text: z.string() }),
  "response.function_call_arguments.delta": z.looseObject({ ...itemAt, delta: z.string() }),
  "response.function_call_arguments.done": z.looseObject({ ...itemAt, name: z.string(), arguments: z.string() }),
  "response.reasoning_summary_part.added": z.looseObject({ ...summaryAt, part: summaryTextSchema }),
  "response.reasoning_summary_part.done": z.looseObject({ ...summaryAt, part: summaryTextSchema }),
  "response.reasoning_summary_text.delta": z.looseObject({ ...summaryAt, delta: z.string() }),
  "response.reasoning_summary_text.done": z.looseObject({ ...summaryAt, text: z.string() }),
  error: errorEventSchema,
} as const;

/** The stream events of OpenAI's hosted tools (not in Open Responses), keyed by `type`, each checked in full. */
export const toolStreamEventSchemas = {
  "response.web_search_call.in_progress": z.looseObject(itemAt),
  "response.web_search_call.searching": z.looseObject(itemAt),
  "response.web_search_call.completed": z.looseObject(itemAt),
  "response.file_search_call.in_progress": z.looseObject(itemAt),
  "response.file_search_call.searching": z.looseObject(itemAt),
  "response.file_search_call.completed": z.looseObject(itemAt),
  "response.code_interpreter_call.in_progress": z.looseObject(itemAt),
  "response.code_interpreter_call_code.delta": z.looseObject({ ...itemAt, delta: z.string() }),
  "response.code_interpreter_call_code.done": z.looseObject({ ...itemAt, code: z.string() }),
  "response.code_interpreter_call.interpreting": z.looseObject(itemAt),
  "response.code_interpreter_call.completed": z.looseObject(itemAt),
} as const;

/**
 * Stream events newer than both stored specs (OpenAI's 2.3.0 and Open Responses 2026-04-24) and the installed SDK:
 * `response.compaction.compacting` came in openai-node 7.17 (`ResponseCompactionCompactingEvent`).
 */
export const newerStreamEventSchemas = {
  "response.compaction.compacting": z.looseObject(itemAt),
} as const;

const knownEventSchemas: Record<string, z.ZodType | undefined> = { ...streamEventSchemas, ...toolStreamEventSchemas, ...newerStreamEventSchemas };

/** Parse a stream event: the base fields always, the full shape when its `type` is one the schemas above know. */
export function parseStreamEvent(event: unknown): z.infer<typeof streamEventBaseSchema> {
  const base = streamEventBaseSchema.parse(event);
  knownEventSchemas[base.type]?.parse(event);
  return base;
}

/** `Error`: the body of an OpenAI error answer. */
export const apiErrorBodySchema = z.object({
  error: z.looseObject({
    message: z.string(),
    type: z.string(),
    param: nullable(z.string()),
    code: nullable(z.string()),
  }),
});
