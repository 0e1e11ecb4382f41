/** The composer's tools and parameters: the form's state, its validation, the request fragment and the tree's copy. */

type Json = Record<string, unknown>;

/** A function tool as the user types it: the parameters stay text until they parse. */
export type FunctionDraft = { id: string; name: string; description: string; parameters: string };

export type ReasoningEffort = "" | "none" | "minimal" | "low" | "medium" | "high";

/** Hosted tools the composer can switch on; each needs the provider to list it in `capabilities.hostedTools`. */
export type HostedToolType = "web_search" | "code_interpreter" | "mcp" | "file_search";

/** Everything the settings panel edits; numbers stay text so a half-typed value is not lost. */
export type ComposerSettings = {
  webSearch: boolean;
  codeInterpreter: boolean;
  mcp: { enabled: boolean; serverLabel: string; serverUrl: string; requireApproval: "always" | "never" };
  /** File search over these vector stores of the provider. */
  fileSearch: { enabled: boolean; vectorStoreIds: string[] };
  functions: FunctionDraft[];
  instructions: string;
  temperature: string;
  topP: string;
  maxOutputTokens: string;
  reasoningEffort: ReasoningEffort;
  store: boolean;
  structuredOutput: { enabled: boolean; name: string; schema: string };
};

/** What a node creation body gets from the settings. */
export type SettingsFragment = { tools?: Json[]; params?: Json; instructions?: string };

/** Field errors by key: "temperature", "topP", "maxOutputTokens", "mcp.serverLabel", "mcp.serverUrl",
 * "fileSearch.vectorStoreIds", "text.name", "text.schema", "function.<id>.name", "function.<id>.parameters". */
export type SettingsErrors = Record<string, string>;

export const REASONING_EFFORTS: readonly Exclude<ReasoningEffort, "">[] = ["none", "minimal", "low", "medium", "high"];

export const EXAMPLE_PARAMETERS = '{\n  "type": "object",\n  "properties": {},\n  "required": []\n}';
export const EXAMPLE_OUTPUT_SCHEMA =
  '{\n  "type": "object",\n  "properties": {\n    "answer": { "type": "string" }\n  },\n  "required": ["answer"],\n  "additionalProperties": false\n}';

/** The settings of a tree that never saved any. */
export function defaultSettings(): ComposerSettings {
  return {
    webSearch: false,
    codeInterpreter: false,
    mcp: { enabled: false, serverLabel: "", serverUrl: "", requireApproval: "always" },
    fileSearch: { enabled: false, vectorStoreIds: [] },
    functions: [],
    instructions: "",
    temperature: "",
    topP: "",
    maxOutputTokens: "",
    reasoningEffort: "",
    store: true,
    structuredOutput: { enabled: false, name: "answer", schema: EXAMPLE_OUTPUT_SCHEMA },
  };
}

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Parse a JSON schema typed by the user; it must be an object schema (`"type": "object"`) with coherent properties. */
export function parseObjectSchema(text: string): { schema: Json } | { error: string } {
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
  return NAME.test(name) ? null : "Use 1–64 letters, digits, _ or -";
}

/** A typed number checked against its range; empty text means "not set". */
function parseNumber(text: string, rule: { min: number; max?: number; integer?: boolean; label: string }): { value?: number; error?: string } {
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

const NUMBER_RULES = {
  temperature: { min: 0, max: 2, label: "Temperature" },
  topP: { min: 0, max: 1, label: "Top p" },
  maxOutputTokens: { min: 1, integer: true, label: "Max output tokens" },
} as const;

/** Whether a hosted tool can be sent to a provider that runs these hosted tools. */
export function isHostedToolAvailable(type: HostedToolType, hostedTools: readonly string[]): boolean {
  return hostedTools.includes(type);
}

/** Every problem that blocks sending, by field; an unavailable hosted tool is not sent, so it is not checked. */
export function validateSettings(settings: ComposerSettings, hostedTools: readonly string[]): SettingsErrors {
  const errors: SettingsErrors = {};
  for (const key of ["temperature", "topP", "maxOutputTokens"] as const) {
    const error = parseNumber(settings[key], NUMBER_RULES[key]).error;
    if (error) errors[key] = error;
  }
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

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** The tool objects of the settings (valid ones only), hosted ones filtered by `available`. */
function toolsOf(settings: ComposerSettings, available: (type: HostedToolType) => boolean): Json[] {
  const tools: Json[] = [];
  if (settings.webSearch && available("web_search")) tools.push({ type: "web_search" });
  if (settings.codeInterpreter && available("code_interpreter")) tools.push({ type: "code_interpreter", container: { type: "auto" } });
  const { fileSearch } = settings;
  if (fileSearch.enabled && available("file_search")) tools.push({ type: "file_search", vector_store_ids: [...fileSearch.vectorStoreIds] });
  const { mcp } = settings;
  if (mcp.enabled && available("mcp") && mcp.serverLabel.trim() !== "" && isHttpUrl(mcp.serverUrl)) {
    tools.push({ type: "mcp", server_label: mcp.serverLabel.trim(), server_url: mcp.serverUrl.trim(), require_approval: mcp.requireApproval });
  }
  for (const fn of settings.functions) {
    const parsed = parseObjectSchema(fn.parameters);
    if ("error" in parsed || nameError(fn.name)) continue;
    tools.push({ type: "function", name: fn.name, ...(fn.description.trim() ? { description: fn.description.trim() } : {}), parameters: parsed.schema });
  }
  return tools;
}

/** The `params` of the settings (valid, non-empty fields only). */
function paramsOf(settings: ComposerSettings): Json {
  const params: Json = {};
  const numbers = { temperature: "temperature", topP: "top_p", maxOutputTokens: "max_output_tokens" } as const;
  for (const [key, param] of Object.entries(numbers) as [keyof typeof numbers, string][]) {
    const { value } = parseNumber(settings[key], NUMBER_RULES[key]);
    if (value !== undefined) params[param] = value;
  }
  const effort = settings.reasoningEffort;
  if (effort !== "") params.reasoning = effort === "none" ? { effort } : { effort, summary: "auto" };
  if (!settings.store) params.store = false;
  const output = settings.structuredOutput;
  const parsed = output.enabled ? parseObjectSchema(output.schema) : null;
  if (parsed && "schema" in parsed && !nameError(output.name)) {
    params.text = { format: { type: "json_schema", name: output.name, schema: parsed.schema, strict: true } };
  }
  return params;
}

/** What hosted tools report back only when `include` asks, so the inspector can show it: chunks, code logs. */
const INCLUDE_FOR_TOOL: Record<string, string> = {
  file_search: "file_search_call.results",
  code_interpreter: "code_interpreter_call.outputs",
};

/** The body fragment of the next node, or the errors that block sending it. */
export function buildRequestFragment(
  settings: ComposerSettings,
  hostedTools: readonly string[],
): { ok: true; fragment: SettingsFragment } | { ok: false; errors: SettingsErrors } {
  const errors = validateSettings(settings, hostedTools);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const tools = toolsOf(settings, (type) => isHostedToolAvailable(type, hostedTools));
  const params = paramsOf(settings);
  // The retrieved chunks with their scores, and the code's logs, so the inspector can show what the tools did.
  const include = tools.flatMap((tool) => (INCLUDE_FOR_TOOL[String(tool.type)] ? [INCLUDE_FOR_TOOL[String(tool.type)]!] : []));
  if (include.length > 0) params.include = include;
  const instructions = settings.instructions.trim();
  return {
    ok: true,
    fragment: {
      ...(tools.length > 0 ? { tools } : {}),
      ...(Object.keys(params).length > 0 ? { params } : {}),
      ...(instructions ? { instructions: settings.instructions } : {}),
    },
  };
}

/** What the tree remembers (`PATCH /api/trees/:id`): every switched-on tool whatever the provider, valid params only. */
export function toTreeSettings(settings: ComposerSettings): { settings: { tools: Json[]; params: Json }; instructions: string | null } {
  return {
    settings: { tools: toolsOf(settings, () => true), params: paramsOf(settings) },
    instructions: settings.instructions.trim() ? settings.instructions : null,
  };
}

/** The settings a tree remembered (`tree.settings`, `tree.instructions`); unknown entries are ignored. */
export function fromTreeSettings(saved: { tools?: unknown[]; params?: Record<string, unknown> }, instructions: string | null): ComposerSettings {
  const settings = defaultSettings();
  settings.instructions = instructions ?? "";
  (saved.tools ?? []).filter(isObject).forEach((tool, i) => {
    if (tool.type === "web_search") settings.webSearch = true;
    else if (tool.type === "code_interpreter") settings.codeInterpreter = true;
    else if (tool.type === "file_search") {
      const ids = Array.isArray(tool.vector_store_ids) ? tool.vector_store_ids.filter((v): v is string => typeof v === "string") : [];
      settings.fileSearch = { enabled: true, vectorStoreIds: ids };
    }
    else if (tool.type === "mcp") {
      const approval = tool.require_approval === "never" ? "never" : "always";
      settings.mcp = { enabled: true, serverLabel: String(tool.server_label ?? ""), serverUrl: String(tool.server_url ?? ""), requireApproval: approval };
    } else if (tool.type === "function" && typeof tool.name === "string") {
      const description = typeof tool.description === "string" ? tool.description : "";
      settings.functions.push({ id: `saved-${i}`, name: tool.name, description, parameters: JSON.stringify(tool.parameters ?? {}, null, 2) });
    }
  });
  const params = saved.params ?? {};
  if (typeof params.temperature === "number") settings.temperature = String(params.temperature);
  if (typeof params.top_p === "number") settings.topP = String(params.top_p);
  if (typeof params.max_output_tokens === "number") settings.maxOutputTokens = String(params.max_output_tokens);
  const effort = isObject(params.reasoning) ? params.reasoning.effort : undefined;
  if (typeof effort === "string" && (REASONING_EFFORTS as readonly string[]).includes(effort)) settings.reasoningEffort = effort as ReasoningEffort;
  if (params.store === false) settings.store = false;
  const format = isObject(params.text) && isObject(params.text.format) ? params.text.format : undefined;
  if (format?.type === "json_schema" && typeof format.name === "string") {
    settings.structuredOutput = { enabled: true, name: format.name, schema: JSON.stringify(format.schema ?? {}, null, 2) };
  }
  return settings;
}

/** Short labels of what the next node will send ("web search", "2 functions", "T 0.7"), for the composer's badges. */
export function settingsSummary(settings: ComposerSettings, hostedTools: readonly string[]): string[] {
  const badges: string[] = [];
  const on = (type: HostedToolType) => isHostedToolAvailable(type, hostedTools);
  if (settings.webSearch && on("web_search")) badges.push("web search");
  if (settings.codeInterpreter && on("code_interpreter")) badges.push("code interpreter");
  if (settings.fileSearch.enabled && on("file_search")) badges.push("file search");
  if (settings.mcp.enabled && on("mcp")) badges.push(`mcp ${settings.mcp.serverLabel}`.trim());
  const count = settings.functions.length;
  if (count > 0) badges.push(count === 1 ? `function ${settings.functions[0]?.name ?? ""}`.trim() : `${count} functions`);
  if (settings.instructions.trim()) badges.push("instructions");
  if (settings.temperature.trim()) badges.push(`T ${settings.temperature.trim()}`);
  if (settings.topP.trim()) badges.push(`top_p ${settings.topP.trim()}`);
  if (settings.maxOutputTokens.trim()) badges.push(`max ${settings.maxOutputTokens.trim()} tok`);
  if (settings.reasoningEffort) badges.push(`effort ${settings.reasoningEffort}`);
  if (!settings.store) badges.push("store off");
  if (settings.structuredOutput.enabled) badges.push("json schema");
  return badges;
}

/** A `function_call` a response asked for. */
export type FunctionCall = { callId: string; name: string; arguments: string };

/** The function calls in a response's output, in order. */
export function functionCallsOf(response: unknown): FunctionCall[] {
  const output = isObject(response) && Array.isArray(response.output) ? response.output : [];
  return output
    .filter(isObject)
    .filter((item) => item.type === "function_call" && typeof item.call_id === "string")
    .map((item) => ({ callId: String(item.call_id), name: String(item.name ?? ""), arguments: String(item.arguments ?? "") }));
}

/** The input that answers function calls: one `function_call_output` per call, in the calls' order. */
export function functionOutputsInput(calls: readonly FunctionCall[], outputs: Readonly<Record<string, string>>): Json[] {
  return calls.map((call) => ({ type: "function_call_output", call_id: call.callId, output: outputs[call.callId] ?? "" }));
}

/** The input of a user turn: the text alone, or one message with the text and its images (`input_image`, detail auto). */
export function userMessageInput(text: string, imageUrls: readonly string[]): string | Json[] {
  if (imageUrls.length === 0) return text;
  const content: Json[] = [
    ...(text.trim() ? [{ type: "input_text", text }] : []),
    ...imageUrls.map((url) => ({ type: "input_image", image_url: url, detail: "auto" })),
  ];
  return [{ type: "message", role: "user", content }];
}

/** The image URLs of the user messages in these input items, so an edited turn keeps its images. */
export function inputImageUrls(items: readonly unknown[]): string[] {
  return items
    .filter(isObject)
    .filter((item) => item.role === "user" && Array.isArray(item.content))
    .flatMap((item) => (item.content as unknown[]).filter(isObject))
    .filter((part) => part.type === "input_image" && typeof part.image_url === "string")
    .map((part) => String(part.image_url));
}

const REPLAYED_PARAMS = ["temperature", "top_p", "max_output_tokens", "reasoning", "text", "metadata", "parallel_tool_calls", "tool_choice", "truncation", "include", "top_logprobs", "user"];

/** The tools, params and instructions a node was sent with (from its saved request), so a regeneration asks the same way. */
export function fragmentOfRequest(request: Record<string, unknown> | null): SettingsFragment {
  if (!request) return {};
  const params: Json = Object.fromEntries(REPLAYED_PARAMS.filter((key) => request[key] !== undefined && request[key] !== null).map((key) => [key, request[key]]));
  if (request.store === false) params.store = false;
  const tools = Array.isArray(request.tools) ? request.tools.filter(isObject) : [];
  return {
    ...(tools.length > 0 ? { tools } : {}),
    ...(Object.keys(params).length > 0 ? { params } : {}),
    ...(typeof request.instructions === "string" && request.instructions ? { instructions: request.instructions } : {}),
  };
}

/** The kinds of file Arbor lets a user upload for file search (what the offline engine can read), by extension. */
export const FILE_SEARCH_EXTENSIONS = [".txt", ".md", ".markdown", ".json", ".csv", ".html", ".htm", ".pdf"] as const;

/** Why a picked file cannot be uploaded for file search (type, emptiness, size over `maxBytes`), or null when it can. */
export function uploadProblem(file: { name: string; size: number }, maxBytes: number): string | null {
  const dot = file.name.lastIndexOf(".");
  const extension = dot > 0 ? file.name.slice(dot).toLowerCase() : "";
  if (!(FILE_SEARCH_EXTENSIONS as readonly string[]).includes(extension)) {
    return `${extension ? `${extension} files are` : "Files without an extension are"} not supported; use ${FILE_SEARCH_EXTENSIONS.join(" ")}`;
  }
  if (file.size === 0) return "The file is empty";
  if (file.size > maxBytes) return `${formatMegabytes(file.size)} is over the ${formatMegabytes(maxBytes)} limit`;
  return null;
}

const formatMegabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
