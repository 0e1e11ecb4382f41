import { isObject } from "./json";

// A root made by "compact from this node" keeps the answer of `POST /responses/compact` (`object:
// "response.compaction"`) as its response: the compacted context, which its forks replay.

/** Whether a stored response is a compaction's answer rather than a Response. */
export function isCompactedResponse(response: unknown): boolean {
  return isObject(response) && response.object === "response.compaction";
}

/** Whether a node is a compacted root: made from another node's branch by compaction (that node may be gone since). */
export function isCompactedRoot(node: { compactedFrom: string | null; response?: unknown }): boolean {
  return node.compactedFrom !== null || isCompactedResponse(node.response);
}
