/** Responses API types, re-exported from the openai SDK so the whole app speaks one vocabulary. */
export type {
  Response,
  ResponseStatus,
  ResponseStreamEvent,
  ResponseOutputItem,
  ResponseOutputMessage,
  ResponseOutputText,
  ResponseOutputRefusal,
  ResponseInputItem,
  ResponseInputContent,
  ResponseItem,
  ResponseUsage,
  ResponseCreateParams,
  ResponseCreateParamsStreaming,
  ResponseCreateParamsNonStreaming,
  ResponseFunctionToolCall,
  ResponseReasoningItem,
  Tool,
  ResponseCompactParams,
  CompactedResponse,
} from "openai/resources/responses/responses";

/** An input item as Arbor stores it: the SDK's input item union, kept as plain JSON. */
export type { ResponseInputItem as InputItem } from "openai/resources/responses/responses";

/** Item types of late 2026 that the installed openai SDK (6.49) types. */
export type {
  ResponseCompactionItem,
  ResponseFunctionShellToolCall,
  ResponseFunctionShellToolCallOutput,
  ResponseApplyPatchToolCall,
  ResponseApplyPatchToolCallOutput,
  ResponseToolSearchCall,
  ResponseToolSearchOutputItem,
  ResponseCustomToolCall,
  CustomTool,
} from "openai/resources/responses/responses";

import type { ResponseInputItem as SdkInputItem } from "openai/resources/responses/responses";

/** A `program` item (programmatic tool calling): code the model wrote to call tools; `fingerprint` is kept verbatim. */
export type ProgramItem = SdkInputItem.Program;
/** A `program_output` item: what a program returned. */
export type ProgramOutputItem = SdkInputItem.ProgramOutput;
/** An `mcp_approval_response`: the client's answer to an `mcp_approval_request`, sent as its own turn. */
export type McpApprovalResponseItem = SdkInputItem.McpApprovalResponse;

/**
 * `response.compaction.compacting` (openai-node 7.17+, not in the installed 6.49): sent while server-side compaction
 * makes the summary of a `compaction` output item; it carries none of the summary.
 */
export type ResponseCompactionCompactingEvent = {
  type: "response.compaction.compacting";
  item_id: string;
  output_index: number;
  sequence_number: number;
};

// The multi-agent beta's items are not in openai@6.49, which only has the `agent: {agent_name}` tag on other items.
// Defined narrowly here from OpenAI's multi-agent guide: only the fields Arbor reads; the items are kept verbatim.

/** The agent an item belongs to. */
export type AgentTag = { agent_name: string };

/** `multi_agent_call`: one agent (`agent`, the top-level one when absent) hands a task to another (`target.agent_name`). */
export type MultiAgentCallItem = {
  type: "multi_agent_call";
  id: string;
  call_id: string;
  agent?: AgentTag | null;
  target: AgentTag;
  /** The task given to the target agent, usually a JSON string. */
  arguments?: string;
  status?: "in_progress" | "completed" | "incomplete" | "failed";
};

/** `multi_agent_call_output`: what the target agent handed back for a `multi_agent_call`. */
export type MultiAgentCallOutputItem = {
  type: "multi_agent_call_output";
  id: string;
  call_id: string;
  agent?: AgentTag | null;
  output: string;
};

/** `agent_message`: something one agent said while it worked. */
export type AgentMessageItem = {
  type: "agent_message";
  id: string;
  agent: AgentTag;
  content: { type: "output_text"; text: string }[];
};
