import { isObject, list, num, obj, type JsonObject } from "@/lib/responses/json";
import { matchesPattern } from "@/lib/server/json-schema";
import { distinctWords, escapeRegExp, mentions, numbersIn, placeIn, words } from "./message-words";

// Builds a value that satisfies a JSON schema, filling it from the user's words where a property name says what it
// holds ("city" from "weather in Paris"). Deterministic: the same schema and text give the same value.
//
// Bounded: a schema is only accepted when the value it describes without any words fits GENERATION_LIMITS
// (`generationProblem`, asked before anything is stored); words that would take a value past them are left out. A
// user's `pattern` is only ever run on RE2 (`matchesPattern`), never on a backtracking engine.

/** What one generated value may hold. */
export const GENERATION_LIMITS = { items: 100, stringLength: 10_000, depth: 16, bytes: 256 * 1024 } as const;

const PLACE_KEYS = /^(location|city|place|town|country|region|destination|origin|address|where)$/i;
const TEXT_KEYS = /^(query|q|question|text|prompt|message|content|search|search_query|input|topic|keywords?)$/i;
const NEGATION = /\b(no|not|don'?t|without)\b/i;
// How many words of a message are tried against a `pattern` the whole message does not match.
const PATTERN_CANDIDATES = 100;
// Values are drawn from the start of a long message: no string may hold more than a fraction of it anyway.
const MAX_TEXT_READ = 64 * 1024;

/** A value for `schema`, using `text` (the user's message) for string, number and enum choices. */
export function valueForSchema(schema: unknown, text: string): unknown {
  try {
    return new Generation(schema, text).valueFor(schema, "", "", 0);
  } catch (err) {
    if (!(err instanceof GenerationLimitError) || text === "") throw err;
    // What the words fill in (mentioned optional properties, long strings) went past the limits; the value without
    // them is known to fit.
    return new Generation(schema, "").valueFor(schema, "", "", 0);
  }
}

/** Why a value for `schema` would not fit GENERATION_LIMITS (naming the limit), or null when it fits. */
export function generationProblem(schema: unknown): string | null {
  try {
    new Generation(schema, "").valueFor(schema, "", "", 0);
    return null;
  } catch (err) {
    if (err instanceof GenerationLimitError) return err.message;
    throw err;
  }
}

/** True when an object schema has a property for a place (city, location…), filled from the message. */
export function hasPlaceProperty(schema: unknown): boolean {
  return Object.keys(obj(obj(schema).properties)).some((key) => PLACE_KEYS.test(key));
}

class GenerationLimitError extends Error {}

type Schema = JsonObject;
type ValueForChild = (schema: unknown, name: string, path: string) => unknown;

// One value being built: what it has spent of the byte budget, and what it has read of the message (read once).
class Generation {
  private bytes = 0;
  private readonly mentioned = new Map<string, boolean>();
  private readonly text: string;
  private place: string | null | undefined;
  private numbers: number[] | undefined;
  private lower: string | undefined;

  constructor(
    private readonly root: unknown,
    text: string,
  ) {
    this.text = text.slice(0, MAX_TEXT_READ);
  }

  // `root` resolves local references ("#/$defs/Address"), as generated schemas use them for shared shapes; `path` is
  // where the value goes (a JSON pointer), for the messages of the limits.
  valueFor(schema: unknown, name: string, path: string, depth: number): unknown {
    if (!isObject(schema)) return this.leaf(null);
    if (depth > GENERATION_LIMITS.depth) {
      throw new GenerationLimitError(
        `the schema nests more than ${GENERATION_LIMITS.depth} levels deep at ${path || "/"} (through required properties, array items and $ref), over the offline engine's limit`,
      );
    }
    const s: Schema = schema;
    const child: ValueForChild = (childSchema, childName, childPath) => this.valueFor(childSchema, childName, childPath, depth + 1);
    if (typeof s.$ref === "string") return child(resolveRef(this.root, s.$ref), name, path);
    const allOf = list(s.allOf);
    if (allOf.length === 1) return child(allOf[0], name, path);
    if ("const" in s) return this.leaf(s.const);
    if (Array.isArray(s.enum)) return this.leaf(this.pickEnum(s.enum));
    const alternative = firstAlternative(s);
    if (alternative) return child(alternative, name, path);
    switch (typeOf(s)) {
      case "object":
        return this.objectValue(s, path, child);
      case "array":
        return this.arrayValue(s, name, path, depth, child);
      case "string":
        return this.leaf(this.stringValue(s, name, path));
      case "integer":
      case "number":
        return this.leaf(numberValue(s, this.text, name, this.numbersInText()));
      case "boolean":
        return this.leaf(this.mentions(name) && !NEGATION.test(this.text));
      default:
        return this.leaf(null);
    }
  }

  private objectValue(s: Schema, path: string, child: ValueForChild): JsonObject {
    const required = new Set(list(s.required));
    const out: JsonObject = {};
    this.spend(2);
    for (const [key, propertySchema] of Object.entries(obj(s.properties))) {
      // Optional properties are filled only when the message says something about them.
      if (required.has(key) || this.mentions(key) || (PLACE_KEYS.test(key) && this.placeInText() !== null)) {
        this.spend(key.length + 4);
        out[key] = child(propertySchema, key, `${path}/${key}`);
      }
    }
    return out;
  }

  private arrayValue(s: Schema, name: string, path: string, depth: number, child: ValueForChild): unknown[] {
    const items = obj(s.items);
    const minItems = num(s.minItems) ?? 0;
    if (minItems > GENERATION_LIMITS.items) {
      throw new GenerationLimitError(`minItems ${minItems} at ${path || "/"} is over the offline engine's limit of ${GENERATION_LIMITS.items} items per array`);
    }
    const maxItems = Math.min(num(s.maxItems) ?? Infinity, GENERATION_LIMITS.items);
    const itemType = typeOf(items);
    if (itemType === "number" || itemType === "integer") {
      const numbers = this.numbersInText().filter((n) => itemType === "number" || Number.isInteger(n));
      if (numbers.length >= minItems) return this.leaf(numbers.slice(0, maxItems));
    }
    // Past half the depth limit an array holds only the items its schema requires, so a recursive schema comes to an end.
    const wanted = depth < GENERATION_LIMITS.depth / 2 ? Math.max(minItems, 1) : minItems;
    const count = Math.min(wanted, maxItems);
    this.spend(2 + count);
    return Array.from({ length: count }, (_, i) => child(items, name, `${path}/${i}`));
  }

  private stringValue(s: Schema, name: string, path: string): string {
    const min = num(s.minLength) ?? 0;
    if (min > GENERATION_LIMITS.stringLength) {
      throw new GenerationLimitError(`minLength ${min} at ${path || "/"} is over the offline engine's limit of ${GENERATION_LIMITS.stringLength} characters per string`);
    }
    const max = Math.min(num(s.maxLength) ?? Infinity, GENERATION_LIMITS.stringLength);
    const fit = (value: string) => value.slice(0, max).padEnd(min, "x");
    const drawn = fit(stringFromText(s, this.text, name, this.placeInText()));
    const pattern = typeof s.pattern === "string" ? s.pattern : null;
    if (pattern === null || matchesPattern(pattern, drawn)) return drawn;
    // The words drawn break the pattern: the schema's own default and examples, then each word of the message, may not.
    const candidates = [s.default, ...list(s.examples), ...distinctWords(this.text, PATTERN_CANDIDATES)];
    const matching = candidates.find((c): c is string => typeof c === "string" && matchesPattern(pattern, fit(c)));
    return fit(matching ?? "");
  }

  private pickEnum(values: readonly unknown[]): unknown {
    const lower = (this.lower ??= this.text.toLowerCase());
    return values.find((v) => typeof v === "string" && new RegExp(`\\b${escapeRegExp(v.toLowerCase())}\\b`).test(lower)) ?? values[0];
  }

  private mentions(name: string): boolean {
    let said = this.mentioned.get(name);
    if (said === undefined) this.mentioned.set(name, (said = mentions(this.text, name)));
    return said;
  }

  private placeInText(): string | null {
    if (this.place === undefined) this.place = placeIn(this.text);
    return this.place;
  }

  private numbersInText(): number[] {
    this.numbers ??= numbersIn(this.text);
    return this.numbers;
  }

  // A leaf's JSON size counts against the budget (strings roughly: escapes are not counted).
  private leaf<T>(value: T): T {
    this.spend(typeof value === "string" ? value.length + 2 : (JSON.stringify(value)?.length ?? 4));
    return value;
  }

  private spend(bytes: number): void {
    this.bytes += bytes;
    if (this.bytes > GENERATION_LIMITS.bytes) {
      throw new GenerationLimitError(`the value the schema describes is over the offline engine's limit of ${GENERATION_LIMITS.bytes / 1024} KiB of JSON`);
    }
  }
}

function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) return null;
  return ref
    .slice(1)
    .split("/")
    .slice(1)
    .map((key) => key.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), root);
}

function typeOf(s: Schema): string | undefined {
  if (typeof s.type === "string") return s.type;
  if (Array.isArray(s.type)) return s.type.find((t): t is string => typeof t === "string" && t !== "null");
  if (typeof s.properties === "object") return "object";
  return undefined;
}

// `anyOf`/`oneOf`: the first alternative that is not null (strict schemas spell optional fields this way).
function firstAlternative(s: Schema): unknown {
  const options = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : null;
  if (!options) return undefined;
  return options.find((o) => isObject(o) && o.type !== "null") ?? options[0];
}

function stringFromText(s: Schema, text: string, name: string, place: string | null): string {
  const format = typeof s.format === "string" ? s.format : "";
  if (format === "date") return /\b\d{4}-\d{2}-\d{2}\b/.exec(text)?.[0] ?? new Date().toISOString().slice(0, 10);
  if (format === "date-time") return new Date().toISOString();
  if (format === "email") return /[\w.+-]+@[\w-]+\.[\w.]+/.exec(text)?.[0] ?? "user@example.com";
  if (format === "uri" || format === "url") return /https?:\/\/\S+/.exec(text)?.[0] ?? "https://example.com";
  if (PLACE_KEYS.test(name)) return place ?? "";
  const named = valueAfterName(text, name);
  if (named !== null) return named;
  return text.replace(/\s+/g, " ").trim();
}

// The optional "is"/"=" after a name takes its own spaces, so no two quantifiers compete for the same spaces (with
// `\s*(?:is)?\s*`, a name followed by a long run of spaces took quadratic time).
const AFTER_NAME = String.raw`\s*(?:(?:is|=|:|of)\s*)?`;
const NAMED_AS = String.raw`\s*(?:(?:is|=|:|called|named)\s*)?`;

function numberValue(s: Schema, text: string, name: string, all: readonly number[]): number {
  const integer = typeOf(s) === "integer";
  const near = new RegExp(`\\b${escapeRegExp(words(name).join(" "))}${AFTER_NAME}(-?\\d+(?:\\.\\d+)?)`, "i").exec(text);
  let n = near ? Number(near[1]) : all.length === 1 ? (all[0] ?? 0) : typeof s.default === "number" ? s.default : 0;
  if (integer) n = Math.round(n);
  if (typeof s.minimum === "number" && n < s.minimum) n = s.minimum;
  if (typeof s.maximum === "number" && n > s.maximum) n = s.maximum;
  if (typeof s.exclusiveMinimum === "number" && n <= s.exclusiveMinimum) n = s.exclusiveMinimum + 1;
  if (typeof s.exclusiveMaximum === "number" && n >= s.exclusiveMaximum) n = s.exclusiveMaximum - 1;
  return n;
}

// "name Alice", "title: Groceries", "subject is Lunch plans" -> the words after the property's name.
function valueAfterName(text: string, name: string): string | null {
  if (TEXT_KEYS.test(name) || name === "") return null;
  const pattern = new RegExp(`\\b${escapeRegExp(words(name).join(" "))}${NAMED_AS}["“]?([^,.;!?"”\\n]+)`, "i");
  return pattern.exec(text)?.[1]?.trim() || null;
}
