import { z } from "zod";

// The contract of `POST /responses`: what the engine reads of a request body. Unknown fields are accepted and ignored,
// as clients send many; http/request.ts reads a body with it, and everything after works on the parsed type.

/** The content part types a message may carry: OpenAI's `InputContent`, and an assistant turn's output parts replayed. */
export const CONTENT_PART_TYPES = ["input_text", "input_image", "input_file", "output_text", "refusal"] as const;

const contentPart = z.looseObject({ type: z.string().min(1) });

/** A message in `input` (`EasyInputMessage`, or a replayed output message). */
const messageInputSchema = z.looseObject({
  type: z.literal("message").optional(),
  role: z.enum(["user", "assistant", "system", "developer"]),
  content: z.union([z.string(), z.array(contentPart)]),
  id: z.string().optional(),
  status: z.enum(["in_progress", "completed", "incomplete"]).optional(),
});

export type MessageInput = z.infer<typeof messageInputSchema>;

// Other item kinds (function_call_output, reasoning, replayed tool calls…) are kept verbatim.
const otherInput = z.looseObject({ type: z.string().min(1).refine((t) => t !== "message"), id: z.string().optional() });

/** `input`: a string (one user message) or a list of items. */
export const inputSchema = z.union([z.string(), z.array(z.union([messageInputSchema, otherInput]))]);

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

/**
 * One `context_management` entry (`ResponseCreateParams.ContextManagement`): only `compaction` exists; with a
 * `compact_threshold` the engine compacts the context once it passes that many tokens (OpenAI's minimum is 1000).
 */
const contextManagementSchema = z.looseObject({
  type: z.literal("compaction", { error: "The only context_management type is 'compaction'." }),
  compact_threshold: z.int().min(1000).nullish(),
});

/** The body of `POST /responses` that the engine reads. */
export const createResponseBodySchema = z.looseObject({
  model: z.string(),
  input: inputSchema.optional(),
  instructions: z.string().nullish(),
  previous_response_id: z.string().min(1).nullish(),
  /** A conversation to read before the input and to append this turn to (`conv_…`, or `{id}`). */
  conversation: z.union([z.string().min(1), z.looseObject({ id: z.string().min(1) })]).nullish(),
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
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
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
  context_management: z.array(contextManagementSchema).max(1).nullish(),
});
export type CreateResponseBody = z.infer<typeof createResponseBodySchema>;
