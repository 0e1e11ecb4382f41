"use client";

import { useMemo, useState } from "react";
import type { NodeSummary } from "@/lib/contracts/nodes";
import { functionCallsOf, functionOutputsInput } from "@/lib/responses/input";
import { useNodeDetail } from "@/lib/client/queries";
import { isRunning } from "@/lib/tree/node-status";
import type { TreeIndex } from "@/lib/tree/tree-index";
import { missingOutputs } from "./function-outputs";

/**
 * The function calls a node asked for (read from its full response) and the outputs typed for them, with how many
 * of its children already answer them (children whose `function_call_output` items name one of these calls). No calls
 * unless the node finished with function calls; another node starts from empty boxes.
 */
export function useFunctionOutputs(node: NodeSummary | undefined, index: TreeIndex) {
  const asks = node !== undefined && node.itemTypes.includes("function_call") && !isRunning(node);
  const detail = useNodeDetail(asks ? node.id : null);
  const response = asks ? detail.data?.response : undefined;
  const calls = useMemo(() => functionCallsOf(response), [response]);
  const answeredBranches = useMemo(() => {
    if (!node || calls.length === 0) return 0;
    const asked = new Set(calls.map((call) => call.callId));
    const children = index.children.get(node.id) ?? [];
    return children.filter((id) => (index.byId.get(id)?.answeredCallIds ?? []).some((callId) => asked.has(callId))).length;
  }, [node, index, calls]);

  const nodeId = node?.id ?? null;
  const [typed, setTyped] = useState<{ nodeId: string | null; values: Record<string, string> }>({ nodeId: null, values: {} });
  const values = typed.nodeId === nodeId ? typed.values : {};

  return {
    calls,
    answeredBranches,
    values,
    missing: missingOutputs(calls, values),
    setOutput: (callId: string, output: string) => setTyped({ nodeId, values: { ...values, [callId]: output } }),
    /** The `function_call_output` items to send. */
    input: () => functionOutputsInput(calls, values),
  };
}
