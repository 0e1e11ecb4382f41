/** Readers for JSON whose shape is not guaranteed: provider output, imports, saved settings. */

/** A JSON object of unknown shape: items and events are kept verbatim, types this app does not know included. */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value when it is a string, else "". */
export function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** The value when it is an object, else an empty one. */
export function obj(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

/** The value when it is an array, else an empty one. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** The objects of an array (anything else in it is skipped). */
export function objects(value: unknown): JsonObject[] {
  return list(value).filter(isObject);
}

/** The value when it is a finite number, else null. */
export function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
