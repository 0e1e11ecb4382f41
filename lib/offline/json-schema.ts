import Ajv from "ajv";

// One validator for every JSON schema a request carries (function parameters, text.format). Formats are not checked:
// OpenAI accepts schemas with formats without enforcing them, and so does this engine. Each request brings new schema
// objects, so every compiled schema is removed after use and the validator's cache does not grow without end.
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });

/** Why `schema` is not a usable JSON schema, or null when it compiles. */
export function schemaProblem(schema: unknown): string | null {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return "the schema must be a JSON object";
  try {
    ajv.compile(schema);
    ajv.removeSchema(schema);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
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
