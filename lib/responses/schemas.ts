import { z } from "zod";

// Zod schemas of the Responses API objects, following OpenAI's OpenAPI spec (`Response`, `ResponseUsage`,
// `OutputMessage`, `ResponseItemList`, the stream events). Objects are loose: providers add fields, and an unknown
// field must never make a valid Response fail to parse.

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

/** `OutputTextContent`: one text part of an assistant message. */
export const outputTextSchema = z.looseObject({
  type: z.literal("output_text"),
  text: z.string(),
  annotations: z.array(z.looseObject({ type: z.string() })),
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

/** Any output item: messages are checked in full, other kinds only by their `type` (kept verbatim). */
export const outputItemSchema = z.union([
  outputMessageSchema,
  z.looseObject({ type: z.string().refine((t) => t !== "message", "a message item must be a full OutputMessage") }),
]);

/** `Response`: every field OpenAI's spec requires, plus the optional ones OpenAI always sends, with their types. */
export const responseSchema = z.looseObject({
  id: z.string().min(1),
  object: z.literal("response"),
  created_at: z.int(),
  completed_at: nullable(z.int()).optional(),
  status: responseStatusSchema,
  background: nullable(z.boolean()),
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
  service_tier: nullable(z.enum(["auto", "default", "flex", "scale", "priority", "fast", "ultrafast"])),
  store: z.boolean(),
  temperature: nullable(z.number().min(0).max(2)),
  text: z.looseObject({
    format: z.looseObject({ type: z.enum(["text", "json_schema", "json_object"]) }),
    verbosity: nullable(z.enum(["low", "medium", "high"])).optional(),
  }),
  tool_choice: z.union([z.enum(["none", "auto", "required"]), z.looseObject({ type: z.string() })]),
  tools: z.array(z.looseObject({ type: z.string() })),
  top_logprobs: nullable(z.int().min(0).max(20)).optional(),
  top_p: nullable(z.number().min(0).max(1)),
  truncation: nullable(z.enum(["auto", "disabled"])),
  usage: nullable(responseUsageSchema),
  user: nullable(z.string()),
  metadata: nullable(z.record(z.string(), z.string())),
  safety_identifier: nullable(z.string()).optional(),
  prompt_cache_key: nullable(z.string()).optional(),
});
export type ResponseObject = z.infer<typeof responseSchema>;

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

/** `Error`: the body of an OpenAI error answer. */
export const apiErrorBodySchema = z.object({
  error: z.looseObject({
    message: z.string(),
    type: z.string(),
    param: nullable(z.string()),
    code: nullable(z.string()),
  }),
});
