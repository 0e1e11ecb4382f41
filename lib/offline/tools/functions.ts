import { isObject, objects } from "@/lib/responses/json";
import { validationErrors } from "@/lib/server/json-schema";
import { isMessage, messageText } from "../core/context";
import { OfflineApiError } from "../core/errors";
import type { TurnStep } from "../core/turn";
import type { Item, ModelContext } from "../core/types";
import { functionTools, type FunctionTool } from "./offered";
import { placesIn, words } from "./message-words";
import { hasPlaceProperty, valueForSchema } from "./schema-values";

// Verbs that name nearly every function and say nothing about its purpose.
const GENERIC = new Set(
  "get set fetch make do run call create update delete list the a an of to for and or by with tool function".split(" "),
);
const STOPWORDS = new Set("this that with from into about your what when where which will would should could have".split(" "));

/** The function calls a message asks for, honouring `tool_choice` and `parallel_tool_calls` (empty when none). */
export function functionCallSteps(context: ModelContext, text: string): TurnStep[] {
  const tools = functionTools(context);
  const choice = context.toolChoice ?? "auto";
  if (tools.length === 0 || choice === "none") return [];
  let chosen: FunctionTool[];
  if (typeof choice === "object") {
    if (choice.type !== "function") return [];
    chosen = tools.filter((tool) => tool.name === choice.name);
  } else {
    const ranked = tools
      .map((tool) => ({ tool, score: relevance(tool, text) }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score);
    chosen = ranked.map((r) => r.tool);
    const first = tools[0];
    if (chosen.length === 0 && choice === "required" && first) chosen = [first];
  }
  const steps: TurnStep[] = chosen.flatMap((tool) =>
    textPerCall(tool, text).map((callText) => ({
      type: "function_call" as const,
      name: tool.name,
      arguments: JSON.stringify(argumentsFor(tool, callText)),
    })),
  );
  return context.parallelToolCalls === false ? steps.slice(0, 1) : steps;
}

// A message listing more places than this still gets this many calls of one function, not one per place it names.
const MAX_CALLS_PER_FUNCTION = 16;

// "weather in Paris and London" asks for one call per place: each call reads the message as if it named one place.
function textPerCall(tool: FunctionTool, text: string): string[] {
  const named = hasPlaceProperty(tool.parameters) ? placesIn(text) : null;
  if (!named || named.places.length < 2) return [text];
  return named.places.slice(0, MAX_CALLS_PER_FUNCTION).map((place) => text.replace(named.list, place));
}

/** Arguments for a call of `tool` built from its JSON schema and the user's words (checked against the schema). */
export function argumentsFor(tool: FunctionTool, text: string): unknown {
  const schema = tool.parameters;
  if (!schema) return {};
  // Words from the message can break a constraint (a pattern, a length); the schema's own defaults are the fallback.
  const candidates = [valueForSchema(schema, text), valueForSchema(schema, "")];
  const valid = candidates.find((value) => validationErrors(schema, value).length === 0);
  const value = valid ?? candidates[0];
  return isObject(value) ? value : {};
}

// How strongly a message is about a function: name words count twice, description words once; one name word, or two
// description words, are enough.
function relevance(tool: FunctionTool, text: string): number {
  const said = new Set((text.toLowerCase().match(/[a-z0-9]+/g) ?? []).map(stem));
  const nameWords = words(tool.name).filter((w) => !GENERIC.has(w)).map(stem);
  const descriptionWords = (tool.description.toLowerCase().match(/[a-z0-9]+/g) ?? [])
    .filter((w) => w.length >= 4 && !GENERIC.has(w) && !STOPWORDS.has(w))
    .map(stem);
  const nameHits = new Set(nameWords.filter((w) => said.has(w))).size;
  const descriptionHits = new Set(descriptionWords.filter((w) => said.has(w))).size;
  return nameHits > 0 || descriptionHits >= 2 ? nameHits * 2 + descriptionHits : 0;
}

function stem(word: string): string {
  return word.length > 4 ? word.replace(/(ing|es|s)$/, "") : word;
}

/** Refuse, as OpenAI does, a `function_call_output` whose `call_id` answers no `function_call` of the conversation. */
export function assertOutputsAnswerCalls(items: readonly Item[]): void {
  // A compaction item stands for earlier turns, calls included: their ids can no longer be checked.
  if (items.some((item) => item.type === "compaction")) return;
  const calls = new Set(items.flatMap((item) => (item.type === "function_call" && typeof item.call_id === "string" ? [item.call_id] : [])));
  for (const [index, item] of items.entries()) {
    if (item.type !== "function_call_output") continue;
    if (typeof item.call_id !== "string" || !calls.has(item.call_id)) {
      throw new OfflineApiError(400, `No tool call found for function call output with call_id ${String(item.call_id)}.`, { param: `input[${index}]` });
    }
  }
}

/** The `function_call_output` items that answer this turn's calls (after the last user message), oldest first. */
export function pendingFunctionOutputs(items: readonly Item[]): Item[] {
  const lastUser = items.findLastIndex((item) => isMessage(item, "user"));
  return items.slice(lastUser + 1).filter((item) => item.type === "function_call_output");
}

/** A message that reports what each function returned, quoting its output (and listing a JSON object's fields). */
export function answerFromOutputs(items: readonly Item[], outputs: readonly Item[]): string {
  const parts = outputs.map((output) => {
    const call = items.find((item) => item.type === "function_call" && item.call_id === output.call_id);
    const name = typeof call?.name === "string" ? call.name : "the function";
    const raw = outputText(output.output);
    return `\`${name}\` returned:\n\n${describeOutput(raw)}`;
  });
  const lastUser = items.findLast((item) => isMessage(item, "user"));
  const question = lastUser ? ` to answer "${messageText(lastUser).trim()}"` : "";
  return `I called ${outputs.length === 1 ? "a function" : `${outputs.length} functions`}${question}.\n\n${parts.join("\n\n")}`;
}

function outputText(output: unknown): string {
  if (typeof output === "string") return output;
  if (Array.isArray(output)) return objects(output).map((part) => ("text" in part ? String(part.text) : "")).join("");
  return JSON.stringify(output) ?? "";
}

function describeOutput(raw: string): string {
  try {
    const value: unknown = JSON.parse(raw);
    if (isObject(value)) {
      const fields = Object.entries(value).map(([key, v]) => `- ${key}: ${typeof v === "string" ? v : JSON.stringify(v)}`);
      if (fields.length > 0) return fields.join("\n");
    }
  } catch {
    // Not JSON: quoted as text below.
  }
  return raw.split("\n").map((line) => `> ${line}`).join("\n");
}
