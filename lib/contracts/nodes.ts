import { z } from "zod";
import { toInputItems } from "@/lib/responses/input";
import { isObject, type JsonObject } from "@/lib/responses/json";
import type { InputItem, Response, ResponseCreateParams, ResponseUsage, Tool } from "@/lib/responses/types";

// The contract of a node: what creating one takes, and what the API answers about it. The route, the services and
// the browser's client all import these; nobody re-types them.

export const nodeStatuses = ["queued", "in_progress", "completed", "incomplete", "failed", "cancelled"] as const;
export type NodeStatus = (typeof nodeStatuses)[number];

/** How a node's history reached the model: by `previous_response_id`, or by re-sending the branch. */
export const contextModes = ["chain", "replay"] as const;
export type ContextMode = (typeof contextModes)[number];

/** What a caller may ask for; `auto` lets the server choose. */
export const requestedContextModes = ["auto", ...contextModes] as const;
export type RequestedContextMode = (typeof requestedContextModes)[number];

/** Error saved on a node: a stable code, a message fit to show, the upstream status (and retry delay) when there was one. */
export const nodeErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  status: z.number().int().optional(),
  /** Seconds the provider asked to wait before trying again (its `retry-after`). */
  retryAfterSeconds: z.number().min(0).optional(),
});
export type NodeError = z.infer<typeof nodeErrorSchema>;

/** The numeric parameters the composer edits, with their ranges: the one source for the server's check and the form's. */
export const NUMBER_PARAMS = {
  temperature: { min: 0, max: 2, integer: false, label: "Temperature" },
  top_p: { min: 0, max: 1, integer: false, label: "Top p" },
  max_output_tokens: { min: 1, max: undefined, integer: true, label: "Max output tokens" },
  top_logprobs: { min: 0, max: 20, integer: true, label: "Top logprobs" },
  /** `context_management[0].compact_threshold`: OpenAI's minimum is 1000 tokens. */
  compact_threshold: { min: 1000, max: undefined, integer: true, label: "Compact above" },
} as const satisfies Record<string, { min: number; max: number | undefined; integer: boolean; label: string }>;
export type NumberParam = keyof typeof NUMBER_PARAMS;

function numberParam(rule: (typeof NUMBER_PARAMS)[NumberParam]) {
  const base = rule.integer ? z.number().int() : z.number();
  return rule.max === undefined ? base.min(rule.min) : base.min(rule.min).max(rule.max);
}

export const REASONING_EFFORTS = ["none", "minimal", "low", "medium", "high"] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];
export const REASONING_SUMMARIES = ["auto", "concise", "detailed"] as const;

/** Parameters passed through to `responses.create`; unknown keys are refused rather than silently dropped. */
export const nodeParamsSchema = z
  .object({
    temperature: numberParam(NUMBER_PARAMS.temperature),
    top_p: numberParam(NUMBER_PARAMS.top_p),
    max_output_tokens: numberParam(NUMBER_PARAMS.max_output_tokens),
    top_logprobs: numberParam(NUMBER_PARAMS.top_logprobs),
    reasoning: z.object({ effort: z.enum(REASONING_EFFORTS).nullable(), summary: z.enum(REASONING_SUMMARIES).nullable() }).partial(),
    text: z.record(z.string(), z.unknown()),
    store: z.boolean(),
    /** Run at the provider in the background: it goes on if this stream breaks, and any instance can follow it. */
    background: z.boolean(),
    metadata: z.record(z.string().max(64), z.string().max(512)),
    parallel_tool_calls: z.boolean(),
    tool_choice: z.union([z.enum(["none", "auto", "required"]), z.record(z.string(), z.unknown())]),
    truncation: z.enum(["auto", "disabled"]),
    include: z.array(z.string().max(200)),
    user: z.string().max(512),
    /** Server-side compaction: past `compact_threshold` tokens the provider folds the context into a `compaction` item. */
    context_management: z
      .array(z.object({ type: z.literal("compaction"), compact_threshold: numberParam(NUMBER_PARAMS.compact_threshold).nullable().optional() }).strict())
      .max(1),
    /** The provider-side conversation the call is sent in (`conv_…`): it holds the history, so none is chained or replayed. */
    conversation: z.string().regex(/^conv_[A-Za-z0-9_-]{1,200}$/, "a conversation id looks like conv_…"),
  })
  .partial()
  .strict();
export type NodeParams = z.infer<typeof nodeParamsSchema>;

/** The keys of `params`, which a repeated node takes again from the request it repeats. */
export const NODE_PARAM_KEYS = Object.keys(nodeParamsSchema.shape) as (keyof NodeParams)[];

/** Content part types Arbor accepts in a message; anything else is refused with the reason, not sent on. */
export const CONTENT_PART_TYPES = ["input_text", "input_image", "input_file", "input_audio", "output_text", "refusal", "summary_text", "reasoning_text"] as const;

function contentPartProblem(part: unknown): string | null {
  if (!isObject(part) || typeof part.type !== "string") return "each content part needs a type";
  if (!(CONTENT_PART_TYPES as readonly string[]).includes(part.type)) {
    return `unknown content part type "${part.type.slice(0, 40)}" (known: ${CONTENT_PART_TYPES.join(", ")})`;
  }
  return null;
}

/** One input item: a message (with known content parts) or any other item with a `type` (tool outputs, replayed items). */
export const inputItemSchema = z
  .custom<InputItem>((item) => isObject(item) && (typeof item.type === "string" || typeof item.role === "string"), "each input item needs a type or a role")
  .superRefine((item, ctx) => {
    const { type, content } = item as unknown as JsonObject;
    if ((type ?? "message") !== "message" || !Array.isArray(content)) return;
    for (const [index, part] of (content as unknown[]).entries()) {
      const problem = contentPartProblem(part);
      if (problem) ctx.addIssue({ code: "custom", path: ["content", index], message: problem });
    }
  });

/** A tool definition: its `type` and whatever that type takes (function tools are checked further by the server). */
export const toolSchema = z.custom<Tool>((tool) => isObject(tool) && typeof tool.type === "string" && tool.type.length > 0 && tool.type.length <= 64, "each tool needs a type");

/** A function tool's name, as the Responses API allows it. */
export const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const instructionsSchema = z.string().max(100_000).nullable();

/** The body of `POST /api/trees/:id/nodes`: a fork of `parentId` (or a new root) with this input. */
export const createNodeSchema = z
  .object({
    parentId: z.string().min(1).max(80).nullable().default(null),
    /** This turn's input items; a string is one user message. */
    input: z
      .union([z.string().refine((s) => s.trim().length > 0, "input is empty"), z.array(inputItemSchema).min(1, "input is empty").max(10_000)])
      .transform(toInputItems),
    providerId: z.string().min(1).max(64).optional(),
    model: z.string().min(1).max(200).optional(),
    instructions: instructionsSchema.optional(),
    tools: z.array(toolSchema).max(128).optional(),
    params: nodeParamsSchema.optional(),
    contextMode: z.enum(requestedContextModes).default("auto"),
    label: z.string().max(200).optional(),
  })
  .strict();
/** What a caller sends (defaults may be left out). */
export type CreateNodeBody = z.input<typeof createNodeSchema>;
/** What the server works with (defaults filled in). */
export type CreateNodeInput = z.output<typeof createNodeSchema>;

/**
 * The body of `POST /api/nodes/:id/repeat`: the node asked again as a sibling, with its input, tools, parameters and
 * instructions (Regenerate and Retry); another provider, model or context mode may be chosen.
 */
export const repeatNodeSchema = z
  .object({
    providerId: z.string().min(1).max(64).optional(),
    model: z.string().min(1).max(200).optional(),
    contextMode: z.enum(requestedContextModes).default("auto"),
  })
  .strict();
export type RepeatNodeBody = z.input<typeof repeatNodeSchema>;

/**
 * The body of `POST /api/nodes/:id/compact` ("compact from this node"): the node's branch compacted by the provider's
 * `POST /responses/compact` into a new root of the same tree. `chain` sends `previous_response_id`, `replay` the
 * branch's items; `auto` chains when the provider keeps the node's response.
 */
export const compactNodeSchema = z.object({ contextMode: z.enum(requestedContextModes).default("auto") }).strict();
export type CompactNodeBody = z.input<typeof compactNodeSchema>;

/** A label is one short line; an empty one clears it. */
const labelSchema = z
  .string()
  .trim()
  .max(80)
  .transform((s) => (s === "" ? null : s))
  .nullable();

/** The body of `PATCH /api/nodes/:id`: a reader's label, note and star (the node's call itself never changes). */
export const patchNodeSchema = z
  .object({
    label: labelSchema,
    note: z
      .string()
      .max(4000)
      .transform((s) => (s.trim() === "" ? null : s))
      .nullable(),
    starred: z.boolean(),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "nothing to change: give label, note or starred");
export type PatchNodeBody = z.input<typeof patchNodeSchema>;
export type PatchNodeInput = z.output<typeof patchNodeSchema>;

const usageSchema = z.custom<ResponseUsage>(isObject);

/** What the graph needs of a node: light fields only, no heavy JSON. */
export const nodeSummarySchema = z.object({
  id: z.string(),
  treeId: z.string(),
  parentId: z.string().nullable(),
  responseId: z.string().nullable(),
  status: z.enum(nodeStatuses),
  providerId: z.string(),
  model: z.string(),
  contextMode: z.enum(contextModes),
  /** True when a chain call failed (previous response not found) and was retried once in replay mode. */
  contextFallback: z.boolean(),
  store: z.boolean(),
  label: z.string().nullable(),
  /** A reader's note on the node (never sent to a model). */
  note: z.string().nullable(),
  starred: z.boolean(),
  inputPreview: z.string(),
  /** A short digest of this turn's whole input: siblings with the same one asked the same thing (null if unknown). */
  inputDigest: z.string().nullable(),
  outputPreview: z.string(),
  itemTypes: z.array(z.string()),
  citationCount: z.number().int(),
  /** How many images this turn's input holds. */
  inputImageCount: z.number().int(),
  /** The `call_id`s this turn's `function_call_output` items answer (empty for a user turn). */
  answeredCallIds: z.array(z.string()),
  usage: usageSchema.nullable(),
  ttftMs: z.number().nullable(),
  durationMs: z.number().nullable(),
  costUsd: z.number().nullable(),
  error: nodeErrorSchema.nullable(),
  /** "proxy" for a call recorded by the recording proxy. */
  source: z.string().nullable(),
  /** The recorded client's name, read from its User-Agent ("Codex", "openai-node"…). */
  clientName: z.string().nullable(),
  /** The user who created the node (null for nodes made before accounts, or by the proxy without one). */
  createdBy: z.string().nullable(),
  /** For a root made by "compact from this node": the node whose branch it compacts (null when it was deleted). */
  compactedFrom: z.string().nullable(),
  createdAt: z.string(),
});
export type NodeSummary = z.infer<typeof nodeSummarySchema>;

/** The full node: the summary plus this turn's input, the exact request sent and the Response as the provider returned it. */
export const nodeDetailSchema = nodeSummarySchema.extend({
  input: z.array(z.custom<InputItem>(isObject)),
  request: z.custom<ResponseCreateParams>(isObject).nullable(),
  response: z.custom<Response>(isObject).nullable(),
});
export type NodeDetail = z.infer<typeof nodeDetailSchema>;

/** A stored stream event: its place in the stream, its type, when it arrived (ms after the request) and its JSON. */
export const nodeEventSchema = z.object({ seq: z.number().int(), type: z.string(), atMs: z.number(), data: z.custom<JsonObject>(isObject) });
export type NodeEvent = z.infer<typeof nodeEventSchema>;

/** `GET /api/nodes/:id/context`: the conversation a node's call saw, item by item. */
export type NodeContext = { nodeId: string; contextMode: ContextMode; instructions: string | null; items: InputItem[] };

/** The query of `GET /api/nodes/:id/events`. */
export const eventsQuerySchema = z.object({ after: z.coerce.number().int().min(-1).default(-1) });

/** What a node body takes besides its input: tools, parameters and instructions. */
export type RequestFragment = Pick<CreateNodeInput, "tools" | "params" | "instructions">;

/** The tools, parameters and instructions a saved request was sent with, so that asking it again asks the same way. */
export function fragmentOfRequest(request: unknown): RequestFragment {
  const sent = isObject(request) ? request : {};
  const params: JsonObject = Object.fromEntries(
    NODE_PARAM_KEYS.filter((key) => key !== "store" && sent[key] !== undefined && sent[key] !== null).map((key) => [key, sent[key]]),
  );
  if (sent.store === false) params.store = false;
  const tools = Array.isArray(sent.tools) ? (sent.tools as unknown[]).filter(isObject) : [];
  return {
    ...(tools.length > 0 ? { tools: tools as unknown as Tool[] } : {}),
    ...(Object.keys(params).length > 0 ? { params: params as NodeParams } : {}),
    ...(typeof sent.instructions === "string" && sent.instructions ? { instructions: sent.instructions } : {}),
  };
}
