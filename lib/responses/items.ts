import type { JsonObject } from "./json";

/** The output item types Arbor knows how to describe; every one needs a definition below. */
export const KNOWN_ITEM_TYPES = [
  "message",
  "reasoning",
  "web_search_call",
  "file_search_call",
  "code_interpreter_call",
  "function_call",
  "function_call_output",
  "custom_tool_call",
  "mcp_list_tools",
  "mcp_call",
  "mcp_approval_request",
  "image_generation_call",
  "computer_call",
  "local_shell_call",
  "compaction",
  "multi_agent_call",
  "multi_agent_call_output",
  "agent_message",
  "tool_search_call",
  "tool_search_output",
  "program",
  "program_output",
  "shell_call",
  "shell_call_output",
  "apply_patch_call",
  "apply_patch_call_output",
  "custom_tool_call_output",
  "mcp_approval_response",
] as const;

export type KnownItemType = (typeof KNOWN_ITEM_TYPES)[number];

/** Which small icon stands for an item kind; the UI maps each key to a drawing. */
export type ItemIconKey =
  | "message"
  | "reasoning"
  | "globe"
  | "fileSearch"
  | "code"
  | "function"
  | "mcp"
  | "image"
  | "computer"
  | "terminal"
  | "agents"
  | "compaction"
  | "patch"
  | "unknown";

/** How Arbor names, badges and summarises one kind of output item. */
export type ItemDefinition = {
  label: string;
  /** A few characters for graph badges. */
  badge: string;
  icon: ItemIconKey;
  /** Whether the item is a call of a tool (shown in the Tools tab and as a graph badge). */
  toolCall: boolean;
  /** An item that is not a tool call but still gets a card in the Tools tab and a graph badge (compaction, agents). */
  card?: boolean;
  /** One line describing this item, "" when there is nothing to say. */
  summarize: (item: JsonObject) => string;
};

const str = (value: unknown): string => (typeof value === "string" ? value : "");
const obj = (value: unknown): JsonObject => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const firstLine = (text: string, max = 120): string => {
  const line = text.trim().split("\n")[0]?.trim() ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

function messageText(item: JsonObject): string {
  return list(item.content)
    .map((part) => str(obj(part).text) || str(obj(part).refusal))
    .join(" ");
}

/** Every known item type, defined once; a type missing here is a compile error. */
export const ITEM_DEFINITIONS = {
  message: { label: "Message", badge: "message", icon: "message", toolCall: false, summarize: (item) => firstLine(messageText(item)) },
  reasoning: {
    label: "Reasoning",
    badge: "reasoning",
    icon: "reasoning",
    toolCall: false,
    summarize: (item) => firstLine(reasoningSummary(item).join(" ")),
  },
  web_search_call: {
    label: "Web search",
    badge: "web",
    icon: "globe",
    toolCall: true,
    summarize: (item) => {
      const action = obj(item.action);
      return firstLine(str(action.query) || str(action.url) || str(action.pattern) || str(action.type));
    },
  },
  file_search_call: {
    label: "File search",
    badge: "files",
    icon: "fileSearch",
    toolCall: true,
    summarize: (item) => firstLine(list(item.queries).map(str).filter(Boolean).join(" · ")),
  },
  code_interpreter_call: {
    label: "Code interpreter",
    badge: "code",
    icon: "code",
    toolCall: true,
    summarize: (item) => firstLine(str(item.code)),
  },
  function_call: {
    label: "Function call",
    badge: "function",
    icon: "function",
    toolCall: true,
    summarize: (item) => firstLine(`${str(item.name)}(${str(item.arguments)})`),
  },
  function_call_output: {
    label: "Function output",
    badge: "fn output",
    icon: "function",
    toolCall: false,
    summarize: (item) => firstLine(typeof item.output === "string" ? item.output : JSON.stringify(item.output ?? "")),
  },
  custom_tool_call: {
    label: "Custom tool call",
    badge: "custom",
    icon: "function",
    toolCall: true,
    summarize: (item) => firstLine(`${str(item.name)}: ${str(item.input)}`),
  },
  mcp_list_tools: {
    label: "MCP list tools",
    badge: "mcp tools",
    icon: "mcp",
    toolCall: true,
    summarize: (item) => `${str(item.server_label)}: ${list(item.tools).length} tools`,
  },
  mcp_call: {
    label: "MCP call",
    badge: "mcp",
    icon: "mcp",
    toolCall: true,
    summarize: (item) => firstLine(`${str(item.server_label)}.${str(item.name)}(${str(item.arguments)})`),
  },
  mcp_approval_request: {
    label: "MCP approval request",
    badge: "approval",
    icon: "mcp",
    toolCall: true,
    summarize: (item) => `${str(item.server_label)}.${str(item.name)} needs approval`,
  },
  image_generation_call: {
    label: "Image generation",
    badge: "image",
    icon: "image",
    toolCall: true,
    summarize: (item) => firstLine(str(item.revised_prompt) || str(item.status)),
  },
  computer_call: {
    label: "Computer use",
    badge: "computer",
    icon: "computer",
    toolCall: true,
    summarize: (item) => str(obj(item.action).type),
  },
  local_shell_call: {
    label: "Local shell",
    badge: "shell",
    icon: "terminal",
    toolCall: true,
    summarize: (item) => firstLine(list(obj(item.action).command).map(str).join(" ")),
  },
  compaction: {
    label: "Compaction",
    badge: "compacted",
    icon: "compaction",
    toolCall: false,
    card: true,
    summarize: (item) => `Earlier turns folded into ${str(item.encrypted_content).length.toLocaleString("en-US")} characters of opaque context`,
  },
  multi_agent_call: {
    label: "Agent call",
    badge: "agents",
    icon: "agents",
    toolCall: true,
    summarize: (item) => firstLine(`${agentName(item)} → ${str(obj(item.target).agent_name)}: ${str(item.arguments)}`),
  },
  multi_agent_call_output: {
    label: "Agent result",
    badge: "agents",
    icon: "agents",
    toolCall: false,
    card: true,
    summarize: (item) => firstLine(str(item.output)),
  },
  agent_message: {
    label: "Agent message",
    badge: "agents",
    icon: "agents",
    toolCall: false,
    card: true,
    summarize: (item) => firstLine(`${agentName(item)}: ${messageText(item)}`),
  },
  tool_search_call: {
    label: "Tool search",
    badge: "tool search",
    icon: "fileSearch",
    toolCall: true,
    summarize: (item) => firstLine(typeof item.arguments === "string" ? item.arguments : JSON.stringify(item.arguments ?? "")),
  },
  tool_search_output: {
    label: "Tools found",
    badge: "tool search",
    icon: "fileSearch",
    toolCall: false,
    card: true,
    summarize: (item) => `${list(item.tools).length} deferred tools loaded`,
  },
  program: {
    label: "Program",
    badge: "program",
    icon: "code",
    toolCall: true,
    summarize: (item) => firstLine(str(item.code)),
  },
  program_output: {
    label: "Program output",
    badge: "program",
    icon: "code",
    toolCall: false,
    card: true,
    summarize: (item) => firstLine(str(item.result)),
  },
  shell_call: {
    label: "Shell",
    badge: "shell",
    icon: "terminal",
    toolCall: true,
    summarize: (item) => firstLine(list(obj(item.action).commands).map(str).join(" && ")),
  },
  shell_call_output: {
    label: "Shell output",
    badge: "shell",
    icon: "terminal",
    toolCall: false,
    card: true,
    summarize: (item) => firstLine(list(item.output).map((o) => str(obj(o).stdout) || str(obj(o).stderr)).join(" ")),
  },
  apply_patch_call: {
    label: "Apply patch",
    badge: "patch",
    icon: "patch",
    toolCall: true,
    summarize: (item) => {
      const operation = obj(item.operation);
      return firstLine(`${str(operation.type).replace(/_/g, " ")} ${str(operation.path)}`);
    },
  },
  apply_patch_call_output: {
    label: "Patch result",
    badge: "patch",
    icon: "patch",
    toolCall: false,
    card: true,
    summarize: (item) => firstLine(`${str(item.status)} ${str(item.output)}`),
  },
  custom_tool_call_output: {
    label: "Custom tool output",
    badge: "custom output",
    icon: "function",
    toolCall: false,
    summarize: (item) => firstLine(typeof item.output === "string" ? item.output : JSON.stringify(item.output ?? "")),
  },
  mcp_approval_response: {
    label: "MCP approval",
    badge: "approval",
    icon: "mcp",
    toolCall: false,
    summarize: (item) => (item.approve === true ? "Approved" : "Denied") + (str(item.reason) ? `: ${str(item.reason)}` : ""),
  },
} satisfies Record<KnownItemType, ItemDefinition>;

/** The agent an item belongs to: its `agent.agent_name`, or the top-level agent's name when it has none. */
export function agentName(item: JsonObject): string {
  return str(obj(item.agent).agent_name) || TOP_AGENT;
}

/** What Arbor calls the agent that answers the request itself (items without an `agent` tag). */
export const TOP_AGENT = "main";

/** Whether `type` is one of the item types Arbor describes. */
export function isKnownItemType(type: string): type is KnownItemType {
  return Object.hasOwn(ITEM_DEFINITIONS, type);
}

/** The definition of an item type; an unknown type gets a generic one (shown as labelled raw JSON, counted as a tool call). */
export function itemDefinition(type: string): ItemDefinition {
  if (isKnownItemType(type)) return ITEM_DEFINITIONS[type];
  return { label: type || "Unknown item", badge: type.replace(/_call$/, "") || "item", icon: "unknown", toolCall: true, summarize: () => "" };
}

/** The `type` of an output item, "unknown" when it has none. */
export function itemType(item: unknown): string {
  return str(obj(item).type) || "unknown";
}

/** The output items shown as cards (tool calls, and items such as compaction), with their index in `output` (timings are keyed by it). */
export function toolCallItems(output: readonly unknown[]): { item: JsonObject; index: number; type: string }[] {
  const calls: { item: JsonObject; index: number; type: string }[] = [];
  output.forEach((raw, index) => {
    const type = itemType(raw);
    if (shownAsCard(itemDefinition(type))) calls.push({ item: obj(raw), index, type });
  });
  return calls;
}

/** The distinct tool-call (and card) types among these item types, in order (for graph badges). */
export function toolCallTypes(types: readonly string[]): string[] {
  // Kinds that share a badge (an agent call, its output and the agents' messages) are badged once.
  const badges = new Set<string>();
  return types.filter((type) => {
    const definition = itemDefinition(type);
    if (!shownAsCard(definition) || badges.has(definition.badge)) return false;
    badges.add(definition.badge);
    return true;
  });
}

const shownAsCard = (definition: ItemDefinition) => definition.toolCall || definition.card === true;

/** The summary texts of a reasoning item. */
export function reasoningSummary(item: JsonObject): string[] {
  return list(item.summary)
    .map((part) => str(obj(part).text))
    .filter(Boolean);
}

/** When an item's events started and ended, in ms since the request was sent. */
export type ItemTiming = { firstMs: number; lastMs: number; events: number };

/** First and last event time per output index, from a node's stored events (matched by output_index or item_id). */
export function itemTimings(
  events: readonly { atMs: number; data: Record<string, unknown> }[],
  output: readonly unknown[],
): Map<number, ItemTiming> {
  const indexById = new Map<string, number>();
  output.forEach((item, index) => {
    const id = str(obj(item).id);
    if (id) indexById.set(id, index);
  });
  const timings = new Map<number, ItemTiming>();
  for (const event of events) {
    const data = event.data;
    const index = typeof data.output_index === "number" ? data.output_index : indexById.get(str(data.item_id));
    if (index === undefined) continue;
    const known = timings.get(index);
    timings.set(
      index,
      known
        ? { firstMs: Math.min(known.firstMs, event.atMs), lastMs: Math.max(known.lastMs, event.atMs), events: known.events + 1 }
        : { firstMs: event.atMs, lastMs: event.atMs, events: 1 },
    );
  }
  return timings;
}

/** A tool's output sent back in a later turn, and the node whose input carried it. */
export type ToolOutput = { output: unknown; nodeId: string };

/** Outputs of function and custom tool calls by call_id, found in the input items of the given (child) nodes. */
export function toolOutputsByCallId(nodes: readonly { id: string; input: readonly unknown[] }[]): Map<string, ToolOutput> {
  const outputs = new Map<string, ToolOutput>();
  for (const node of nodes) {
    for (const raw of node.input) {
      const item = obj(raw);
      const callId = str(item.call_id);
      if ((item.type === "function_call_output" || item.type === "custom_tool_call_output") && callId && !outputs.has(callId)) {
        outputs.set(callId, { output: item.output, nodeId: node.id });
      }
    }
  }
  return outputs;
}
