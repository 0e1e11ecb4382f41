import type { ReasoningEffort } from "@/lib/contracts/nodes";

/** A function tool as the user types it: the parameters stay text until they parse. */
export type FunctionDraft = { id: string; name: string; description: string; parameters: string };

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
  /** Compact the context server-side above this many tokens (`context_management`); empty for never. */
  compactThreshold: string;
  reasoningEffort: ReasoningEffort | "";
  store: boolean;
  structuredOutput: { enabled: boolean; name: string; schema: string };
};

/** Field errors by key: "temperature", "topP", "maxOutputTokens", "mcp.serverLabel", "mcp.serverUrl",
 * "fileSearch.vectorStoreIds", "text.name", "text.schema", "function.<id>.name", "function.<id>.parameters". */
export type SettingsErrors = Record<string, string>;

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
    compactThreshold: "",
    reasoningEffort: "",
    store: true,
    structuredOutput: { enabled: false, name: "answer", schema: EXAMPLE_OUTPUT_SCHEMA },
  };
}

/** Whether a hosted tool can be sent to a provider that runs these hosted tools. */
export function isHostedToolAvailable(type: HostedToolType, hostedTools: readonly string[]): boolean {
  return hostedTools.includes(type);
}

/** The form's number fields and the request parameter each one sets. */
export const NUMBER_FIELDS = { temperature: "temperature", topP: "top_p", maxOutputTokens: "max_output_tokens" } as const;
