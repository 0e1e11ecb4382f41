import type { NodeSummary } from "@/lib/contracts/nodes";

/** A completed offline node's summary, as the tree answer carries it; `fields` set what a test cares about. */
export function nodeSummary(id: string, parentId: string | null, fields: Partial<NodeSummary> = {}): NodeSummary {
  return {
    id,
    treeId: "t1",
    parentId,
    responseId: `resp_${id}`,
    status: "completed",
    providerId: "offline",
    model: "offline-echo",
    contextMode: "chain",
    contextFallback: false,
    store: true,
    label: null,
    note: null,
    starred: false,
    inputPreview: `question ${id}`,
    inputDigest: null,
    outputPreview: `answer ${id}`,
    itemTypes: ["message"],
    citationCount: 0,
    inputImageCount: 0,
    answeredCallIds: [],
    usage: null,
    ttftMs: null,
    durationMs: null,
    costUsd: null,
    error: null,
    source: null,
    clientName: null,
    createdBy: null,
    compactedFrom: null,
    createdAt: "2025-01-01T00:00:00.000Z",
    ...fields,
  };
}
