import type { NodeParams, NumberParam, RequestFragment } from "@/lib/contracts/nodes";
import type { Tool } from "@/lib/responses/types";
import { isHostedToolAvailable, NUMBER_FIELDS, type ComposerSettings, type HostedToolType, type SettingsErrors } from "./settings";
import { isHttpUrl, nameError, parseNumber, parseObjectSchema, validateSettings } from "./validate";

/** The tool objects of the settings (valid ones only), hosted ones filtered by `available`. */
export function toolsOf(settings: ComposerSettings, available: (type: HostedToolType) => boolean): Tool[] {
  const tools: Tool[] = [];
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
    tools.push({ type: "function", name: fn.name, ...(fn.description.trim() ? { description: fn.description.trim() } : {}), parameters: parsed.schema, strict: null });
  }
  return tools.map(withoutNullStrict);
}

// The SDK's FunctionTool type wants `strict`; the composer sends none, so the provider's default applies.
function withoutNullStrict(tool: Tool): Tool {
  if (tool.type !== "function" || tool.strict !== null) return tool;
  const { strict: _none, ...rest } = tool;
  return rest as Tool;
}

/** The `params` of the settings (valid, non-empty fields only). */
export function paramsOf(settings: ComposerSettings): NodeParams {
  const params: NodeParams = {};
  for (const [field, param] of Object.entries(NUMBER_FIELDS) as [keyof typeof NUMBER_FIELDS, NumberParam & keyof NodeParams][]) {
    const { value } = parseNumber(settings[field], param);
    if (value !== undefined) params[param] = value;
  }
  const threshold = parseNumber(settings.compactThreshold, "compact_threshold").value;
  if (threshold !== undefined) params.context_management = [{ type: "compaction", compact_threshold: threshold }];
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
const INCLUDE_FOR_TOOL: Partial<Record<Tool["type"], string>> = {
  file_search: "file_search_call.results",
  code_interpreter: "code_interpreter_call.outputs",
};

/** The body fragment of the next node, or the errors that block sending it. */
export function buildRequestFragment(
  settings: ComposerSettings,
  hostedTools: readonly string[],
): { ok: true; fragment: RequestFragment } | { ok: false; errors: SettingsErrors } {
  const errors = validateSettings(settings, hostedTools);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const tools = toolsOf(settings, (type) => isHostedToolAvailable(type, hostedTools));
  const params = paramsOf(settings);
  // The retrieved chunks with their scores, and the code's logs, so the inspector can show what the tools did.
  const include = tools.flatMap((tool) => INCLUDE_FOR_TOOL[tool.type] ?? []);
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
