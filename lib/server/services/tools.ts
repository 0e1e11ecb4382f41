import "server-only";
import { ArborError } from "@/lib/contracts/errors";
import { FUNCTION_NAME } from "@/lib/contracts/nodes";
import { isObject } from "@/lib/responses/json";
import type { Tool } from "@/lib/responses/types";
import { schemaProblem } from "@/lib/server/json-schema";

/**
 * Check the tools of a node before anything is saved: every function tool needs a valid name (unique in the
 * request) and, when it has parameters, a JSON schema that compiles within limits. Answers the tools unchanged.
 */
export function validateTools(tools: readonly Tool[]): Tool[] {
  const names = new Set<string>();
  for (const [index, tool] of tools.entries()) {
    if (tool.type !== "function" && tool.type !== "custom") continue;
    const { name } = tool as { name?: unknown };
    if (typeof name !== "string" || !FUNCTION_NAME.test(name)) {
      throw new ArborError("bad_request", `Invalid request: tools.${index}.name: a ${tool.type} tool needs a name of 1–64 letters, digits, _ or -`);
    }
    if (names.has(name)) throw new ArborError("bad_request", `Invalid request: tools.${index}.name: two tools are named "${name}"`);
    names.add(name);
    if (tool.type !== "function") continue;
    const { parameters } = tool as { parameters?: unknown };
    if (parameters === undefined || parameters === null) continue;
    const problem = isObject(parameters) ? schemaProblem(parameters) : "the parameters must be a JSON schema object";
    if (problem) throw new ArborError("bad_request", `Invalid request: tools.${index}.parameters: ${problem}`);
  }
  return [...tools];
}
