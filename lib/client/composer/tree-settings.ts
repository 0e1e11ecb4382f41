import { REASONING_EFFORTS, type NodeParams } from "@/lib/contracts/nodes";
import { isObject, obj, objects, str } from "@/lib/responses/json";
import type { Tool } from "@/lib/responses/types";
import { paramsOf, toolsOf } from "./fragment";
import { defaultSettings, type ComposerSettings } from "./settings";

/** What the tree remembers (`PATCH /api/trees/:id`): every switched-on tool whatever the provider, valid params only. */
export function toTreeSettings(settings: ComposerSettings): { settings: { tools: Tool[]; params: NodeParams }; instructions: string | null } {
  return {
    settings: { tools: toolsOf(settings, () => true), params: paramsOf(settings) },
    instructions: settings.instructions.trim() ? settings.instructions : null,
  };
}

/**
 * The settings a tree remembered (`tree.settings`, `tree.instructions`). A tree saved by an older version may hold
 * anything there, so entries are read defensively and unknown ones ignored.
 */
export function fromTreeSettings(saved: { tools?: readonly unknown[]; params?: unknown }, instructions: string | null): ComposerSettings {
  const settings = defaultSettings();
  settings.instructions = instructions ?? "";
  objects(saved.tools).forEach((tool, i) => {
    if (tool.type === "web_search") settings.webSearch = true;
    else if (tool.type === "code_interpreter") settings.codeInterpreter = true;
    else if (tool.type === "file_search") {
      const ids = Array.isArray(tool.vector_store_ids) ? tool.vector_store_ids.filter((v): v is string => typeof v === "string") : [];
      settings.fileSearch = { enabled: true, vectorStoreIds: ids };
    } else if (tool.type === "mcp") {
      const approval = tool.require_approval === "never" ? "never" : "always";
      settings.mcp = { enabled: true, serverLabel: str(tool.server_label), serverUrl: str(tool.server_url), requireApproval: approval };
    } else if (tool.type === "function" && typeof tool.name === "string") {
      settings.functions.push({ id: `saved-${i}`, name: tool.name, description: str(tool.description), parameters: JSON.stringify(tool.parameters ?? {}, null, 2) });
    }
  });
  const params = obj(saved.params);
  if (typeof params.temperature === "number") settings.temperature = String(params.temperature);
  if (typeof params.top_p === "number") settings.topP = String(params.top_p);
  if (typeof params.max_output_tokens === "number") settings.maxOutputTokens = String(params.max_output_tokens);
  const compaction = objects(params.context_management).find((entry) => entry.type === "compaction");
  if (typeof compaction?.compact_threshold === "number") settings.compactThreshold = String(compaction.compact_threshold);
  const effort = isObject(params.reasoning) ? params.reasoning.effort : undefined;
  const known = REASONING_EFFORTS.find((e) => e === effort);
  if (known) settings.reasoningEffort = known;
  if (params.store === false) settings.store = false;
  const format = isObject(params.text) && isObject(params.text.format) ? params.text.format : undefined;
  if (format?.type === "json_schema" && typeof format.name === "string") {
    settings.structuredOutput = { enabled: true, name: format.name, schema: JSON.stringify(format.schema ?? {}, null, 2) };
  }
  return settings;
}
