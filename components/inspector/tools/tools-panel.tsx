"use client";

import { useMemo } from "react";
import { approvalAnswersByRequestId, approvalResponseInput, type ApprovalAnswer } from "@/lib/responses/approvals";
import { attributeSources, citeMessages } from "@/lib/responses/citations";
import { agentTree } from "@/lib/responses/agents";
import { itemTimings, toolCallItems, toolOutputsByCallId } from "@/lib/responses/items";
import { useCanWrite, useNodeDetails } from "@/lib/client/queries";
import { useCreateNode } from "@/lib/client/use-create-node";
import { fragmentOfRequest, type NodeEvent } from "@/lib/contracts/nodes";
import { EmptyState, ErrorBanner, Skeleton } from "@/components/ui/feedback";
import { ItemIcon } from "@/components/ui/item-icon";
import { useExplorer } from "@/lib/client/explorer-context";
import { AgentTreeCard } from "./agent-tree";
import { McpApprovalActions } from "./approval-actions";
import { ToolCard } from "./tool-card";

type Props = {
  output: readonly unknown[] | undefined;
  events: readonly NodeEvent[] | undefined;
  error: Error | null;
  running: boolean;
  /** The node's children: a function call's output is sent in a child's input. */
  childIds: readonly string[];
  /** The node itself: an approval is answered by a new child of it, sent with the tools and settings it was sent with. */
  node: { id: string; treeId: string; request: unknown };
  /** The tools the call offered (the Response's echo of them, else the request's). */
  tools: readonly unknown[];
};

const NO_ANSWERS: readonly ApprovalAnswer[] = [];

/** Calls whose output comes back in a later turn (as a child's input item). */
const ANSWERED_LATER = new Set(["function_call", "custom_tool_call"]);

/** The Tools tab: one card per tool-call item of the answer, in output order, timed from the stream's events. */
export function ToolsPanel({ output, events, error, running, childIds, node, tools }: Props) {
  const calls = useMemo(() => toolCallItems(output ?? []), [output]);
  const timings = useMemo(() => itemTimings(events ?? [], output ?? []), [events, output]);
  const children = useNodeDetails(childIds, calls.some((call) => ANSWERED_LATER.has(call.type) || call.type === "mcp_approval_request"));
  const toolOutputs = useMemo(() => toolOutputsByCallId(children), [children]);
  const approvals = useMemo(() => approvalAnswersByRequestId(children), [children]);
  const canWrite = useCanWrite();
  const answer = useCreateNode(node.treeId);
  const answerApproval = (requestId: string) => (approve: boolean) =>
    answer.mutate({ create: { parentId: node.id, input: [approvalResponseInput(requestId, approve)], ...fragmentOfRequest(node.request) } });
  // Which call found each source the answer cites, so a click on a citation marker lands on it.
  const citedBy = useMemo(() => attributeSources(citeMessages(output ?? []).sources, output ?? []), [output]);
  const citationFocus = useExplorer((s) => s.citationFocus);
  const agents = useMemo(() => agentTree(output ?? []), [output]);

  if (output === undefined) {
    if (error) return <ErrorBanner title="Could not load this node" message={error.message} />;
    return (
      <div className="space-y-3" aria-label="Loading tool calls">
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }
  if (calls.length === 0) {
    return (
      <div className="py-10">
        <EmptyState icon={<ItemIcon icon="function" width={18} height={18} />} title="No tool calls in this answer">
          {running
            ? "Tool calls appear here as the model makes them."
            : "Offer tools (web search, file search, functions, MCP) to the model and its calls show here, one card each."}
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {calls.length} {calls.length === 1 ? "item" : "items"}, in the order the model made them.
      </p>
      {agents ? <AgentTreeCard root={agents} /> : null}
      <ol className="space-y-3" aria-label="Tool calls">
        {calls.map(({ item, index, type }) => (
          <li key={index}>
            <ToolCard
              item={item}
              type={type}
              timing={timings.get(index)}
              laterOutput={ANSWERED_LATER.has(type) ? (toolOutputs.get(String(item.call_id)) ?? null) : undefined}
              cited={citedBy.get(index)}
              tools={tools}
              focused={citationFocus !== null && (citedBy.get(index) ?? []).some((source) => source.n === citationFocus)}
              actions={
                type === "mcp_approval_request" && typeof item.id === "string" ? (
                  <McpApprovalActions
                    requestId={item.id}
                    answers={approvals.get(item.id) ?? NO_ANSWERS}
                    onAnswer={canWrite && !running ? answerApproval(item.id) : null}
                    busy={answer.isPending}
                    error={answer.error?.message ?? null}
                  />
                ) : null
              }
            />
          </li>
        ))}
      </ol>
    </div>
  );
}
