import { FUNCTION_NAME, NUMBER_PARAMS, type NumberParam } from "@/lib/contracts/nodes";
import { isObject, type JsonObject } from "@/lib/responses/json";
import { isHostedToolAvailable, NUMBER_FIELDS, type ComposerSettings, type SettingsErrors } from "./settings";

/** Parse a JSON schema typed by the user; it must be an object schema (`"type": "object"`) with coherent properties. */
export function parseObjectSchema(text: string): { schema: JsonObject } | { error: string } {
  if (text.trim() === "") return { error: "Enter a JSON schema" };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { error: `Not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!isObject(value)) return { error: "The schema must be a JSON object" };
  if (value.type !== "object") return { error: 'The schema needs "type": "object"' };
  const properties = value.properties;
  if (properties !== undefined) {
    if (!isObject(properties)) return { error: '"properties" must be an object' };
    const bad = Object.entries(properties).find(([, schema]) => !isObject(schema));
    if (bad) return { error: `Property "${bad[0]}" must be a schema object` };
  }
  const required = value.required;
  if (required !== undefined) {
    if (!Array.isArray(required) || !required.every((r) => typeof r === "string")) {
      return { error: '"required" must be a list of property names' };
    }
    const missing = required.find((name) => !isObject(properties) || !(name in properties));
    if (missing !== undefined) return { error: `"required" lists "${missing}", which is not in "properties"` };
  }
  return { schema: value };
}

/** Why a name cannot be used for a function or a schema, or null when it can. */
export function nameError(name: string): string | null {
  return FUNCTION_NAME.test(name) ? null : "Use 1–64 letters, digits, _ or -";
}

/** A typed number checked against its parameter's range (the server's own rule); empty text means "not set". */
export function parseNumber(text: string, param: NumberParam): { value?: number; error?: string } {
  const rule = NUMBER_PARAMS[param];
  const trimmed = text.trim();
  if (trimmed === "") return {};
  const value = Number(trimmed);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(trimmed) || !Number.isFinite(value)) return { error: `${rule.label} must be a number` };
  if (rule.integer && !Number.isInteger(value)) return { error: `${rule.label} must be a whole number` };
  if (value < rule.min || (rule.max !== undefined && value > rule.max)) {
    return { error: rule.max === undefined ? `${rule.label} must be at least ${rule.min}` : `${rule.label} must be between ${rule.min} and ${rule.max}` };
  }
  return { value };
}

/** Whether a text is an http(s) URL. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** Every problem that blocks sending, by field; an unavailable hosted tool is not sent, so it is not checked. */
export function validateSettings(settings: ComposerSettings, hostedTools: readonly string[]): SettingsErrors {
  const errors: SettingsErrors = {};
  for (const [field, param] of Object.entries(NUMBER_FIELDS) as [keyof typeof NUMBER_FIELDS, NumberParam][]) {
    const error = parseNumber(settings[field], param).error;
    if (error) errors[field] = error;
  }
  const threshold = parseNumber(settings.compactThreshold, "compact_threshold").error;
  if (threshold) errors.compactThreshold = threshold;
  const seen = new Set<string>();
  for (const fn of settings.functions) {
    const name = nameError(fn.name) ?? (seen.has(fn.name) ? "Another function has this name" : null);
    if (name) errors[`function.${fn.id}.name`] = name;
    seen.add(fn.name);
    const parsed = parseObjectSchema(fn.parameters);
    if ("error" in parsed) errors[`function.${fn.id}.parameters`] = parsed.error;
  }
  if (settings.mcp.enabled && isHostedToolAvailable("mcp", hostedTools)) {
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(settings.mcp.serverLabel)) errors["mcp.serverLabel"] = "Start with a letter; use letters, digits, _ or -";
    if (!isHttpUrl(settings.mcp.serverUrl)) errors["mcp.serverUrl"] = "Enter an http(s) URL";
  }
  if (settings.fileSearch.enabled && isHostedToolAvailable("file_search", hostedTools) && settings.fileSearch.vectorStoreIds.length === 0) {
    errors["fileSearch.vectorStoreIds"] = "Choose a vector store for file search, or create one";
  }
  if (settings.structuredOutput.enabled) {
    const name = nameError(settings.structuredOutput.name);
    if (name) errors["text.name"] = name;
    const parsed = parseObjectSchema(settings.structuredOutput.schema);
    if ("error" in parsed) errors["text.schema"] = parsed.error;
  }
  return errors;
}
