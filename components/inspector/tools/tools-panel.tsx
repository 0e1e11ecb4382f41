"use client";

import { useMemo } from "react";
import { attributeSources, citeMessages } from "@/lib/responses/citations";
import { agentTree } from "@/lib/responses/agents";
import { itemTimings, toolCallItems, toolOutputsByCallId } from "@/lib/responses/items";
import { useNodeDetails } from "@/lib/client/queries";
import type { NodeEvent } from "@/lib/contracts/nodes";
import { EmptyState, ErrorBanner, Skeleton } from "@/components/ui/feedback";
import { ItemIcon } from "@/components/ui/item-icon";
import { useExplorer } from "@/lib/client/explorer-context";
import { AgentTreeCard } from "./agent-tree";
import { ToolCard } from "./tool-card";

type Props = {
  output: readonly unknown[] | undefined;
  events: readonly NodeEvent[] | undefined;
  error: Error | null;
  running: boolean;
  /** The node's children: a function call's output is sent in a child's input. */
  childIds: readonly string[];
};

/** Calls whose output comes back in a later turn (as a child's input item). */
const ANSWERED_LATER = new Set(["function_call", "custom_tool_call"]);

/** The Tools tab: one card per tool-call item of the answer, in output order, timed from the stream's events. */
export function ToolsPanel({ output, events, error, running, childIds }: Props) {
  const calls = useMemo(() => toolCallItems(output ?? []), [output]);
  const timings = useMemo(() => itemTimings(events ?? [], output ?? []), [events, output]);
  const children = useNodeDetails(childIds, calls.some((call) => ANSWERED_LATER.has(call.type)));
  const toolOutputs = useMemo(() => toolOutputsByCallId(children), [children]);
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
              focused={citationFocus !== null && (citedBy.get(index) ?? []).some((source) => source.n === citationFocus)}
            />
          </li>
        ))}
      </ol>
    </div>
  );
}
