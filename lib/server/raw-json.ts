import "server-only";

// The JSON text each parsed provider event arrived as, by the parsed object: forwarding and saving an event then
// reuse that text instead of serialising the object again (a third of Arbor's own CPU per event, by profile).
const texts = new WeakMap<object, string>();

/** Remember that `value` was parsed from `text` (not when the text spans lines: an SSE `data:` line cannot). */
export function rememberJson(value: unknown, text: string): void {
  if (typeof value === "object" && value !== null && !text.includes("\n")) texts.set(value, text);
}

/** `value` as JSON: the text it was parsed from when it is known (and the object was not replaced since). */
export function jsonText(value: unknown): string {
  return (typeof value === "object" && value !== null ? texts.get(value) : undefined) ?? JSON.stringify(value);
}
