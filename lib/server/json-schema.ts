import Ajv, { type Options } from "ajv";
import { RE2JS } from "re2js";

// One validator for every JSON schema a request carries (function parameters, text.format), for Arbor's own checks and
// the offline engine's. Formats are not checked: OpenAI accepts schemas with formats without enforcing them.
// `pattern` and `patternProperties` run on RE2 (linear time), never on a backtracking engine, so a pattern such as
// `^(a|a)+$` cannot freeze the server. Each request brings new schema objects, so every compiled schema is removed
// after use and the validator's cache does not grow without end.

/** Largest schema accepted (its JSON), and how deeply it may nest. */
export const MAX_SCHEMA_BYTES = 64 * 1024;
export const MAX_SCHEMA_DEPTH = 32;

const re2: NonNullable<Options["code"]>["regExp"] = Object.assign(
  (pattern: string, flags: string) => {
    const compiled = RE2JS.compile(pattern, flags.includes("i") ? RE2JS.CASE_INSENSITIVE : 0);
    return { test: (text: string) => compiled.matcher(text).find() };
  },
  { code: "re2js" },
);

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, code: { regExp: re2 } });

/** Why `schema` is not a usable JSON schema (too big, too deep, a pattern RE2 cannot run, invalid), or null when it compiles. */
export function schemaProblem(schema: unknown): string | null {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return "the schema must be a JSON object";
  if (JSON.stringify(schema).length > MAX_SCHEMA_BYTES) return `the schema is over ${MAX_SCHEMA_BYTES / 1024} KiB`;
  if (depthOf(schema) > MAX_SCHEMA_DEPTH) return `the schema nests more than ${MAX_SCHEMA_DEPTH} levels deep`;
  try {
    ajv.compile(schema);
    ajv.removeSchema(schema);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message.replace(/^error parsing regexp: /, "a pattern is not supported: ") : String(err);
  }
}

/** The validation errors of `value` against `schema` as readable lines ([] when it validates). */
export function validationErrors(schema: object, value: unknown): string[] {
  const validate = ajv.compile(schema);
  const ok = validate(value);
  const errors = ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
  ajv.removeSchema(schema);
  return errors;
}

/** Whether `text` matches a user-given pattern, on RE2 (linear time); an unsupported pattern never matches. */
export function matchesPattern(pattern: string, text: string): boolean {
  try {
    return RE2JS.compile(pattern).matcher(text).find();
  } catch {
    return false;
  }
}

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_SCHEMA_DEPTH || typeof value !== "object" || value === null) return depth;
  let deepest = depth;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child, depth + 1));
  return deepest;
}
