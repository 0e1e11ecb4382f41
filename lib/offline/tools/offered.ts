import { isObject, obj, type JsonObject } from "@/lib/responses/json";
import { schemaProblem } from "@/lib/server/json-schema";
import { OfflineApiError } from "../core/errors";
import type { ModelContext, Tool } from "../core/types";
import { generationProblem } from "./schema-values";

/** A function tool as the engine reads it. */
export type FunctionTool = { name: string; description: string; parameters: JsonObject | null };

const WEB_SEARCH_TYPES = new Set(["web_search", "web_search_preview", "web_search_2025_08_26", "web_search_preview_2025_03_11"]);

/**
 * Reject tool definitions OpenAI would reject (a function without a name, parameters that are not a JSON schema of an
 * object), and parameters whose arguments would not fit the engine's generation limits.
 */
export function validateTools(tools: readonly Tool[] | null | undefined): void {
  for (const [index, tool] of (tools ?? []).entries()) {
    if (tool.type !== "function") continue;
    if (typeof tool.name !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(tool.name)) {
      const message = `Invalid 'tools[${index}].name': a function name of letters, digits, '_' or '-' (at most 64) is required.`;
      throw new OfflineApiError(400, message, { param: `tools[${index}].name`, code: "invalid_value" });
    }
    if (tool.parameters === undefined || tool.parameters === null) continue;
    const problem = schemaProblem(tool.parameters);
    const type = obj(tool.parameters).type;
    const message =
      problem ?? (type === "object" ? generationProblem(tool.parameters) : `schema must be a JSON Schema of 'type: "object"', got 'type: "${String(type)}"'`);
    if (message) {
      throw new OfflineApiError(400, `Invalid schema for function '${tool.name}': ${message}.`, {
        param: `tools[${index}].parameters`,
        code: "invalid_function_parameters",
      });
    }
  }
}

/** True when a tool of this kind is offered and `tool_choice` allows the model to use it. */
export function toolAllowed(context: ModelContext, kind: "web_search" | "code_interpreter"): boolean {
  if (context.toolChoice === "none") return false;
  return context.tools.some((tool) => (kind === "web_search" ? WEB_SEARCH_TYPES.has(tool.type) : tool.type === kind));
}

/** True when `tool_choice` forces this hosted tool (`{type: "web_search"}`, or "required" with only this tool). */
export function toolForced(context: ModelContext, kind: "web_search" | "code_interpreter"): boolean {
  const choice = context.toolChoice;
  const matches = (type: string) => (kind === "web_search" ? WEB_SEARCH_TYPES.has(type) : type === kind);
  if (typeof choice === "object") return matches(choice.type);
  return choice === "required" && toolAllowed(context, kind) && !context.tools.some((tool) => tool.type === "function");
}

/** The function tools offered, in request order. */
export function functionTools(context: ModelContext): FunctionTool[] {
  return context.tools.flatMap((tool) =>
    tool.type === "function" && typeof tool.name === "string"
      ? [
          {
            name: tool.name,
            description: typeof tool.description === "string" ? tool.description : "",
            parameters: isObject(tool.parameters) ? tool.parameters : null,
          },
        ]
      : [],
  );
}

/** True when the request lists this `include` value. */
export function includes(context: ModelContext, value: string): boolean {
  return context.include?.includes(value) ?? false;
}
