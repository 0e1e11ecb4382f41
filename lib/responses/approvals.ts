import { obj, str } from "./json";
import type { McpApprovalResponseItem } from "./types";

// An MCP approval is its own turn: the answer's `mcp_approval_request` is answered by a child node whose input is one
// `mcp_approval_response`. Several children may answer the same request differently (approve in one branch, deny in
// another); each is a branch of its own.

/** How one child node answered an approval request. */
export type ApprovalAnswer = { nodeId: string; approve: boolean; reason: string | null };

/** The input item that answers approval request `requestId`. */
export function approvalResponseInput(requestId: string, approve: boolean, reason?: string): McpApprovalResponseItem {
  return { type: "mcp_approval_response", approval_request_id: requestId, approve, ...(reason ? { reason } : {}) };
}

/** Every answer to each approval request, by request id, found in the input items of the given (child) nodes. */
export function approvalAnswersByRequestId(nodes: readonly { id: string; input: readonly unknown[] }[]): Map<string, ApprovalAnswer[]> {
  const answers = new Map<string, ApprovalAnswer[]>();
  for (const node of nodes) {
    for (const raw of node.input) {
      const item = obj(raw);
      const requestId = str(item.approval_request_id);
      if (item.type !== "mcp_approval_response" || !requestId) continue;
      const answer = { nodeId: node.id, approve: item.approve === true, reason: str(item.reason) || null };
      answers.set(requestId, [...(answers.get(requestId) ?? []), answer]);
    }
  }
  return answers;
}
