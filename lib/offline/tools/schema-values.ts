// Builds a value that satisfies a JSON schema, filling it from the user's words where a property name says what it
// holds ("city" from "weather in Paris"). Deterministic: the same schema and text give the same value.

type Schema = Record<string, unknown>;

const PLACE_KEYS = /^(location|city|place|town|country|region|destination|origin|address|where)$/i;
const TEXT_KEYS = /^(query|q|question|text|prompt|message|content|search|search_query|input|topic|keywords?)$/i;

/** A value for `schema`, using `text` (the user's message) for string, number and enum choices. */
export function valueForSchema(schema: unknown, text: string): unknown {
  return valueFor(schema, text, "", schema);
}

// `root` resolves local references ("#/$defs/Address"), as generated schemas use them for shared shapes.
function valueFor(schema: unknown, text: string, name: string, root: unknown, depth = 0): unknown {
  if (typeof schema !== "object" || schema === null || depth > MAX_DEPTH) return null;
  const s = schema as Schema;
  if (typeof s.$ref === "string") return valueFor(resolveRef(root, s.$ref), text, name, root, depth + 1);
  if (Array.isArray(s.allOf) && s.allOf.length === 1) return valueFor(s.allOf[0], text, name, root, depth + 1);
  const valueForChild = (child: unknown, childName: string) => valueFor(child, text, childName, root, depth + 1);
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum)) return pickEnum(s.enum, text);
  const alternative = firstAlternative(s);
  if (alternative) return valueForChild(alternative, name);
  switch (typeOf(s)) {
    case "object":
      return objectValue(s, text, valueForChild);
    case "array":
      return arrayValue(s, text, name, valueForChild);
    case "string":
      return stringValue(s, text, name);
    case "integer":
    case "number":
      return numberValue(s, text, name);
    case "boolean":
      return mentions(text, name) && !/\b(no|not|don'?t|without)\b/i.test(text);
    default:
      return null;
  }
}

const MAX_DEPTH = 16;
type ValueForChild = (schema: unknown, name: string) => unknown;

function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return null;
  return ref
    .slice(2)
    .split("/")
    .map((key) => key.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, key) => (typeof node === "object" && node !== null ? (node as Schema)[key] : undefined), root);
}

function typeOf(s: Schema): string | undefined {
  if (typeof s.type === "string") return s.type;
  if (Array.isArray(s.type)) return (s.type as unknown[]).find((t): t is string => typeof t === "string" && t !== "null");
  if (typeof s.properties === "object") return "object";
  return undefined;
}

// `anyOf`/`oneOf`: the first alternative that is not null (strict schemas spell optional fields this way).
function firstAlternative(s: Schema): unknown {
  const options = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : null) as Schema[] | null;
  if (!options) return undefined;
  return options.find((o) => typeof o === "object" && o !== null && o.type !== "null") ?? options[0];
}

function pickEnum(values: readonly unknown[], text: string): unknown {
  const lower = text.toLowerCase();
  return values.find((v) => typeof v === "string" && new RegExp(`\\b${escape(v.toLowerCase())}\\b`).test(lower)) ?? values[0];
}

function objectValue(s: Schema, text: string, valueForChild: ValueForChild): Record<string, unknown> {
  const properties = (typeof s.properties === "object" && s.properties !== null ? s.properties : {}) as Record<string, unknown>;
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  const out: Record<string, unknown> = {};
  for (const [key, propertySchema] of Object.entries(properties)) {
    // Optional properties are filled only when the message says something about them.
    if (required.has(key) || mentions(text, key) || (PLACE_KEYS.test(key) && placeIn(text) !== null)) {
      out[key] = valueForChild(propertySchema, key);
    }
  }
  return out;
}

function arrayValue(s: Schema, text: string, name: string, valueForChild: ValueForChild): unknown[] {
  const items = (typeof s.items === "object" && s.items !== null ? s.items : {}) as Schema;
  const minItems = typeof s.minItems === "number" ? s.minItems : 0;
  const maxItems = typeof s.maxItems === "number" ? s.maxItems : Infinity;
  const itemType = typeOf(items);
  if (itemType === "number" || itemType === "integer") {
    const numbers = numbersIn(text).filter((n) => itemType === "number" || Number.isInteger(n));
    if (numbers.length >= minItems) return numbers.slice(0, maxItems);
  }
  const count = Math.min(Math.max(minItems, 1), maxItems);
  return Array.from({ length: count }, () => valueForChild(items, name));
}

function stringValue(s: Schema, text: string, name: string): string {
  let value = stringFromText(s, text, name);
  const min = typeof s.minLength === "number" ? s.minLength : 0;
  const max = typeof s.maxLength === "number" ? s.maxLength : Infinity;
  if (value.length > max) value = value.slice(0, max);
  return value.padEnd(min, "x");
}

function stringFromText(s: Schema, text: string, name: string): string {
  const format = typeof s.format === "string" ? s.format : "";
  if (format === "date") return /\b\d{4}-\d{2}-\d{2}\b/.exec(text)?.[0] ?? new Date().toISOString().slice(0, 10);
  if (format === "date-time") return new Date().toISOString();
  if (format === "email") return /[\w.+-]+@[\w-]+\.[\w.]+/.exec(text)?.[0] ?? "user@example.com";
  if (format === "uri" || format === "url") return /https?:\/\/\S+/.exec(text)?.[0] ?? "https://example.com";
  if (PLACE_KEYS.test(name)) return placeIn(text) ?? "";
  const named = valueAfterName(text, name);
  if (named !== null) return named;
  return text.replace(/\s+/g, " ").trim();
}

function numberValue(s: Schema, text: string, name: string): number {
  const integer = typeOf(s) === "integer";
  const near = new RegExp(`\\b${escape(words(name).join(" "))}\\s*(?:is|=|:|of)?\\s*(-?\\d+(?:\\.\\d+)?)`, "i").exec(text);
  const all = numbersIn(text);
  let n = near ? Number(near[1]) : all.length === 1 ? (all[0] ?? 0) : typeof s.default === "number" ? s.default : 0;
  if (integer) n = Math.round(n);
  if (typeof s.minimum === "number" && n < s.minimum) n = s.minimum;
  if (typeof s.maximum === "number" && n > s.maximum) n = s.maximum;
  if (typeof s.exclusiveMinimum === "number" && n <= s.exclusiveMinimum) n = s.exclusiveMinimum + 1;
  if (typeof s.exclusiveMaximum === "number" && n >= s.exclusiveMaximum) n = s.exclusiveMaximum - 1;
  return n;
}

const PLACE = "[A-Z][\\p{L}'-]*(?:\\s+[A-Z][\\p{L}'-]*)*";
const PLACE_LIST = new RegExp(`\\b(?:in|for|at|to|from|of)\\s+(${PLACE}(?:(?:\\s*,\\s*|\\s+and\\s+|\\s+or\\s+)${PLACE})*)`, "u");

/** The place a message names: capitalised words after "in", "for", "at", "to" or "from" ("weather in New York"). */
export function placeIn(text: string): string | null {
  return placesIn(text)?.places[0] ?? null;
}

/** True when an object schema has a property for a place (city, location…), filled from the message. */
export function hasPlaceProperty(schema: unknown): boolean {
  const properties = (schema as { properties?: unknown } | null)?.properties;
  return typeof properties === "object" && properties !== null && Object.keys(properties).some((key) => PLACE_KEYS.test(key));
}

/** Every place of a list a message names ("in Paris, Rome and Oslo"), with the text of the list. */
export function placesIn(text: string): { list: string; places: string[] } | null {
  const list = PLACE_LIST.exec(text)?.[1];
  if (!list) return null;
  return { list, places: list.split(/\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+/).filter(Boolean) };
}

// "name Alice", "title: Groceries", "subject is Lunch plans" -> the words after the property's name.
function valueAfterName(text: string, name: string): string | null {
  if (TEXT_KEYS.test(name) || name === "") return null;
  const pattern = new RegExp(`\\b${escape(words(name).join(" "))}\\s*(?:is|=|:|called|named)?\\s*["“]?([^,.;!?"”\\n]+)`, "i");
  return pattern.exec(text)?.[1]?.trim() || null;
}

/** The numbers written in a text, in order. */
export function numbersIn(text: string): number[] {
  return (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
}

/** The words of an identifier: `get_current_weather` and `getCurrentWeather` give get, current, weather. */
export function words(identifier: string): string[] {
  return identifier
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function mentions(text: string, name: string): boolean {
  const w = words(name);
  return w.length > 0 && new RegExp(`\\b${escape(w.join(" "))}\\b`, "i").test(text);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
