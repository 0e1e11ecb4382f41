import type { ResponseObject } from "@/lib/responses/schemas";
import type { CreateResponseBody } from "../core/request-body";
import type { Tool } from "../core/types";

/** An assistant message with one output_text part. */
export type OutputMessage = {
  id: string;
  type: "message";
  role: "assistant";
  status: "in_progress" | "completed" | "incomplete";
  content: { type: "output_text"; text: string; annotations: []; logprobs: [] }[];
};

/** The assistant message carrying `text` (or an empty one while it streams). */
export function outputMessage(id: string, text: string, status: OutputMessage["status"]): OutputMessage {
  return {
    id,
    type: "message",
    role: "assistant",
    status,
    content: status === "in_progress" ? [] : [{ type: "output_text", text, annotations: [], logprobs: [] }],
  };
}

/** Usage in the Responses shape (no cache in this engine); reasoning tokens are part of the output tokens. */
export function usageOf(inputTokens: number, outputTokens: number, reasoningTokens = 0): NonNullable<ResponseObject["usage"]> {
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: inputTokens + outputTokens,
  };
}

/** The Response as it stands when generation starts: every field present, settings echoed from the request. */
export function inProgressResponse(id: string, body: CreateResponseBody, createdAt: number): ResponseObject {
  return {
    id,
    object: "response",
    created_at: createdAt,
    status: "in_progress",
    background: body.background ?? false,
    completed_at: null,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    max_tool_calls: body.max_tool_calls ?? null,
    model: body.model,
    output: [],
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    prompt_cache_key: body.prompt_cache_key ?? null,
    prompt_cache_retention: null,
    reasoning: { effort: body.reasoning?.effort ?? null, summary: body.reasoning?.summary ?? null },
    safety_identifier: body.safety_identifier ?? null,
    service_tier: body.service_tier === "auto" || !body.service_tier ? "default" : body.service_tier,
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: { format: body.text?.format ?? { type: "text" }, verbosity: body.text?.verbosity ?? "medium" },
    tool_choice: body.tool_choice ?? "auto",
    tools: (body.tools ?? []).map(normalizeTool),
    top_logprobs: body.top_logprobs ?? 0,
    top_p: body.top_p ?? 1,
    presence_penalty: body.presence_penalty ?? 0,
    frequency_penalty: body.frequency_penalty ?? 0,
    truncation: body.truncation ?? "disabled",
    usage: null,
    user: body.user ?? null,
    metadata: body.metadata ?? {},
  };
}

/** The finished Response: final status, output and usage (and the error or the reason it is incomplete). */
export function finishedResponse(
  start: ResponseObject,
  result: {
    status: "completed" | "incomplete" | "failed";
    output: ResponseObject["output"];
    usage: ResponseObject["usage"];
    error?: { code: string; message: string };
    completedAt: number;
  },
): ResponseObject {
  return {
    ...start,
    status: result.status,
    completed_at: result.status === "completed" ? result.completedAt : null,
    output: result.output,
    usage: result.usage,
    error: result.error ?? null,
    incomplete_details: result.status === "incomplete" ? { reason: "max_output_tokens" } : null,
  };
}

// OpenAI echoes function tools with every field the spec requires, defaults filled in.
function normalizeTool(tool: Tool): Tool {
  if (tool.type !== "function") return tool;
  return { ...tool, description: tool.description ?? null, parameters: tool.parameters ?? null, strict: tool.strict ?? true };
}

/** Unix time in whole seconds. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
