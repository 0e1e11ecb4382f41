import { isObject } from "@/lib/responses/json";
import { schemaProblem } from "@/lib/server/json-schema";
import { OfflineApiError } from "../core/errors";
import type { ModelContext } from "../core/types";
import { generationProblem, valueForSchema } from "./schema-values";

/** `answer` reshaped as `text.format` asks: JSON built from the schema and the message, `{answer}`, or unchanged. */
export function formatAnswer(context: ModelContext, question: string, answer: string): string {
  const format = context.textFormat;
  if (format?.type === "json_schema" && isObject(format.schema)) {
    return JSON.stringify(valueForSchema(format.schema, question));
  }
  if (format?.type === "json_object") return JSON.stringify({ answer });
  return answer;
}

/** Reject a `json_schema` format OpenAI would reject (no name, not a JSON schema), or one past the generation limits. */
export function validateTextFormat(format: ModelContext["textFormat"]): void {
  if (format?.type !== "json_schema") return;
  if (typeof format.name !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(format.name)) {
    const message = "Invalid 'text.format.name': a name of letters, digits, '_' or '-' (at most 64) is required.";
    throw new OfflineApiError(400, message, { param: "text.format.name", code: "invalid_value" });
  }
  const problem = schemaProblem(format.schema) ?? generationProblem(format.schema);
  if (problem) {
    throw new OfflineApiError(400, `Invalid schema for response_format '${format.name}': ${problem}.`, {
      param: "text.format.schema",
      code: "invalid_json_schema",
    });
  }
}
