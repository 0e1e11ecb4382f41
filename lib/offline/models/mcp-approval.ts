import type { Item } from "../core/types";

// The engine reaches no MCP server. When a turn answers an `mcp_approval_request`, the assistant says what was decided
// and, for an approval, that the call could not be made here: never an invented tool output.

/** What offline-assistant answers to a turn that ends with an `mcp_approval_response`, or null for any other turn. */
export function approvalAnswer(name: string, items: readonly Item[]): string | null {
  const last = items.at(-1);
  if (last?.type !== "mcp_approval_response") return null;
  const request = items.find((item) => item.type === "mcp_approval_request" && item.id === last.approval_request_id);
  const call = request ? `\`${String(request.server_label)}.${String(request.name)}\`` : `the MCP call \`${String(last.approval_request_id)}\``;
  if (last.approve !== true) {
    const reason = typeof last.reason === "string" && last.reason ? ` (${last.reason})` : "";
    return `${name} received your denial of ${call}${reason}: the call is not made, and the conversation goes on without it.`;
  }
  return `${name} received your approval of ${call}, but it runs offline and reaches no MCP server, so the call was not made. A provider with MCP would run it now and answer from its output.`;
}
