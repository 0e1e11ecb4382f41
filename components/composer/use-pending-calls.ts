"use client";

import { useMemo } from "react";
import { useNodeDetail } from "@/lib/client/queries";
import type { NodeSummary } from "@/lib/contracts/nodes";
import { functionCallsOf, type FunctionCall } from "@/lib/responses/input";
import { isRunning } from "@/lib/tree/node-status";
import type { TreeIndex } from "@/lib/tree/tree-index";

/**
 * The function calls the selected node asked for (read from its full response), and how many of its children
 * already answer them: children whose `function_call_output` items name one of these calls. Empty unless the node
 * finished with function calls.
 */
export function usePendingCalls(node: NodeSummary | undefined, index: TreeIndex): { calls: FunctionCall[]; answeredBranches: number } {
  const asks = node !== undefined && node.itemTypes.includes("function_call") && !isRunning(node);
  const detail = useNodeDetail(asks ? node.id : null, false);
  const response = asks ? detail.data?.response : undefined;
  const calls = useMemo(() => functionCallsOf(response), [response]);
  const answeredBranches = useMemo(() => {
    if (!node || calls.length === 0) return 0;
    const asked = new Set(calls.map((call) => call.callId));
    const children = index.children.get(node.id) ?? [];
    return children.filter((id) => (index.byId.get(id)?.answeredCallIds ?? []).some((callId) => asked.has(callId))).length;
  }, [node, index, calls]);
  return { calls, answeredBranches };
}
