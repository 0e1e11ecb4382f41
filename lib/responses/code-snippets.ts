import type { JsonObject } from "./json";
import type { ResponseCreateParams } from "./types";

/** Languages a node's request can be copied as. */
export type SnippetLanguage = "curl" | "python" | "typescript";

/** Where the request goes and how the key is named; the key itself is never written into a snippet. */
export type SnippetTarget = {
  baseURL: string;
  /** Environment variable holding the key, or `null` when the endpoint needs none (the offline engine). */
  apiKeyEnv: string | null;
};

/** The placeholder key the SDKs need when the endpoint ignores keys. */
const KEYLESS_PLACEHOLDER = "offline";

/** Parameters `client.responses.create` takes as keyword arguments in the Python SDK; anything else goes in `extra_body`. */
const PYTHON_PARAMS = new Set([
  "background",
  "conversation",
  "include",
  "input",
  "instructions",
  "max_output_tokens",
  "max_tool_calls",
  "metadata",
  "model",
  "parallel_tool_calls",
  "previous_response_id",
  "prompt",
  "prompt_cache_key",
  "prompt_cache_retention",
  "reasoning",
  "safety_identifier",
  "service_tier",
  "store",
  "stream",
  "stream_options",
  "temperature",
  "text",
  "tool_choice",
  "tools",
  "top_logprobs",
  "top_p",
  "truncation",
  "user",
]);

/** The key variable a provider's snippets read: OpenAI's usual name, a generic one elsewhere, none offline. */
export function apiKeyEnvFor(providerId: string): string | null {
  if (providerId === "offline") return null;
  return providerId === "openai" ? "OPENAI_API_KEY" : "API_KEY";
}

/** Quote `text` as one POSIX shell word: single quotes, with each `'` written as `'\''`. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

const endpoint = (baseURL: string) => `${baseURL.replace(/\/+$/, "")}/responses`;
/** A request body as the snippets read it: the JSON sent upstream, whatever its declared type. */
export type SnippetBody = ResponseCreateParams | JsonObject;

const fieldsOf = (body: SnippetBody): JsonObject => body as JsonObject;
const isStream = (body: SnippetBody) => fieldsOf(body).stream === true;

/** A curl command that sends `body` unchanged; the key is read from the environment. */
export function curlSnippet(body: SnippetBody, target: SnippetTarget): string {
  const lines = [`curl ${isStream(body) ? "-N " : ""}${shellQuote(endpoint(target.baseURL))}`, `  -H 'Content-Type: application/json'`];
  if (target.apiKeyEnv !== null) lines.push(`  -H "Authorization: Bearer $${target.apiKeyEnv}"`);
  lines.push(`  -d ${shellQuote(JSON.stringify(body, null, 2))}`);
  return lines.join(" \\\n");
}

/** A Python string literal (double-quoted); non-ASCII text stays readable, control characters and lone surrogates are escaped. */
export function pythonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const char = text[i] ?? "";
    if (char === "\\" || char === '"') out += `\\${char}`;
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      out += text.slice(i, i + 2);
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) out += `\\u${code.toString(16)}`;
    else out += char;
  }
  return `${out}"`;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

type Literal = { scalar: (value: string | number | boolean | null) => string; key: (key: string) => string };

const PYTHON: Literal = {
  scalar: (value) => (value === null ? "None" : value === true ? "True" : value === false ? "False" : typeof value === "string" ? pythonString(value) : String(value)),
  key: pythonString,
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const TYPESCRIPT: Literal = {
  scalar: (value) => (typeof value === "string" ? JSON.stringify(value) : String(value)),
  // A plain or quoted `__proto__` key would set the prototype instead of adding a field.
  key: (key) => (key === "__proto__" ? `["__proto__"]` : IDENTIFIER.test(key) ? key : JSON.stringify(key)),
};

/** Widest a nested value may be and still be written on one line. */
const INLINE_WIDTH = 72;

/** Render a JSON value as a literal of `syntax`, one entry a line, short collections inline. */
function literal(value: unknown, syntax: Literal, indent: string, step: string): string {
  if (value === null || typeof value !== "object") return syntax.scalar(value as string | number | boolean | null);
  const entries = Array.isArray(value)
    ? value.map((item) => ({ key: null, item: item as unknown }))
    : Object.entries(value).map(([key, item]) => ({ key: syntax.key(key), item: item as unknown }));
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) return `${open}${close}`;
  const inner = indent + step;
  const parts = entries.map(({ key, item }) => `${key === null ? "" : `${key}: `}${literal(item, syntax, inner, step)}`);
  const oneLine = Array.isArray(value) ? `[${parts.join(", ")}]` : `{ ${parts.join(", ")} }`;
  const pythonOneLine = syntax === PYTHON && !Array.isArray(value) ? `{${parts.join(", ")}}` : oneLine;
  if (!parts.some((part) => part.includes("\n")) && indent.length + pythonOneLine.length <= INLINE_WIDTH) return pythonOneLine;
  return `${open}\n${parts.map((part) => `${inner}${part},`).join("\n")}\n${indent}${close}`;
}

/** `value` as a Python literal: dicts, lists, True/False/None. */
export function pythonLiteral(value: unknown, indent = ""): string {
  return literal(value, PYTHON, indent, "    ");
}

/** `value` as a TypeScript literal: identifier keys unquoted. */
export function typescriptLiteral(value: unknown, indent = ""): string {
  return literal(value, TYPESCRIPT, indent, "  ");
}

const PYTHON_IDENTIFIER = /^[A-Za-z_]\w*$/;

/** Python that sends `body` with the openai SDK, as keyword arguments (unknown fields through `extra_body`). */
export function pythonSnippet(body: SnippetBody, target: SnippetTarget): string {
  const apiKey = target.apiKeyEnv === null ? pythonString(KEYLESS_PLACEHOLDER) : `os.environ[${pythonString(target.apiKeyEnv)}]`;
  const known = Object.entries(body).filter(([key]) => PYTHON_PARAMS.has(key) && PYTHON_IDENTIFIER.test(key));
  const extra = Object.fromEntries(Object.entries(body).filter(([key]) => !PYTHON_PARAMS.has(key) || !PYTHON_IDENTIFIER.test(key)));
  const args = known.map(([key, value]) => `    ${key}=${pythonLiteral(value, "    ")},`);
  if (Object.keys(extra).length > 0) args.push(`    extra_body=${pythonLiteral(extra, "    ")},`);
  const result = isStream(body) ? "stream" : "response";
  const lines = [
    ...(target.apiKeyEnv === null ? [] : ["import os", ""]),
    "from openai import OpenAI",
    "",
    `client = OpenAI(base_url=${pythonString(target.baseURL)}, api_key=${apiKey})`,
    "",
    `${result} = client.responses.create(`,
    ...args,
    ")",
    ...(isStream(body) ? ["for event in stream:", "    print(event)"] : ["print(response.output_text)"]),
  ];
  return lines.join("\n");
}

/** TypeScript that sends `body` with the openai SDK. */
export function typescriptSnippet(body: SnippetBody, target: SnippetTarget): string {
  const apiKey = target.apiKeyEnv === null ? JSON.stringify(KEYLESS_PLACEHOLDER) : `process.env.${target.apiKeyEnv}`;
  const result = isStream(body) ? "stream" : "response";
  return [
    'import OpenAI from "openai";',
    "",
    `const client = new OpenAI({ baseURL: ${JSON.stringify(target.baseURL)}, apiKey: ${apiKey} });`,
    "",
    `const ${result} = await client.responses.create(${typescriptLiteral(body)});`,
    ...(isStream(body) ? ["for await (const event of stream) {", "  console.log(event);", "}"] : ["console.log(response.output_text);"]),
  ].join("\n");
}

/** The snippet of `language` that reproduces `body` against `target`. */
export function codeSnippet(language: SnippetLanguage, body: SnippetBody, target: SnippetTarget): string {
  if (language === "curl") return curlSnippet(body, target);
  return language === "python" ? pythonSnippet(body, target) : typescriptSnippet(body, target);
}
