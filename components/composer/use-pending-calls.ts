"use client";

import { useMemo } from "react";
import { isToolOutputPreview } from "@/lib/responses/summary";
import { isRunning, type TreeIndex } from "@/lib/tree/graph";
import type { NodeSummary } from "@/lib/tree/types";
import { functionCallsOf, type FunctionCall } from "@/lib/ui/composer-settings";
import { useNodeDetail } from "@/lib/ui/queries";

/**
 * The function calls the selected node asked for (read from its full response), and how many of its children
 * already answer them with `function_call_output` items. Empty unless the node finished with function calls.
 */
export function usePendingCalls(node: NodeSummary | undefined, index: TreeIndex): { calls: FunctionCall[]; answeredBranches: number } {
  const asks = node !== undefined && node.itemTypes.includes("function_call") && !isRunning(node);
  const detail = useNodeDetail(asks ? node.id : null, false);
  const response = asks ? detail.data?.response : undefined;
  const calls = useMemo(() => functionCallsOf(response), [response]);
  const answeredBranches = useMemo(() => {
    if (!node) return 0;
    const children = index.children.get(node.id) ?? [];
    return children.filter((id) => isToolOutputPreview(index.byId.get(id)?.inputPreview ?? "")).length;
  }, [node, index]);
  return { calls, answeredBranches };
}
