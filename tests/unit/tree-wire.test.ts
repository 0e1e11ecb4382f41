import { describe, expect, it } from "vitest";
import type { NodeSummary } from "@/lib/contracts/nodes";
import { packTree, treeAnswerText, unpackTree } from "@/lib/contracts/tree-wire";
import type { TreeDetail } from "@/lib/contracts/trees";
import type { ResponseUsage } from "@/lib/responses/types";
import { nodeSummary } from "./support/node-summary";

const tree = { id: "t1", title: "Packed", providerId: "offline", model: "offline-echo", instructions: null, settings: {}, createdAt: "2025-01-01T00:00:00.000Z", updatedAt: "2025-01-01T00:00:00.000Z" } as unknown as TreeDetail["tree"];

function summary(id: string, parentId: string | null, fields: Partial<NodeSummary> = {}): NodeSummary {
  const usage = { input_tokens: 9, input_tokens_details: { cached_tokens: 0 }, output_tokens: 60, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 69 } as ResponseUsage;
  return nodeSummary(id, parentId, { inputPreview: `Question ${id}`, outputPreview: `Answer ${id}`, usage, ttftMs: 2, durationMs: 11, costUsd: 0, createdAt: "2025-01-01T00:00:00.001Z", ...fields });
}

describe("the packed tree answer", () => {
  it("unpacks to exactly the tree and summaries it was packed from, whatever they hold", () => {
    const odd = { input_tokens: 1, output_tokens: 2, total_tokens: 3, provider_extra: { x: 1 } } as unknown as ResponseUsage;
    const detail: TreeDetail = {
      tree,
      nodes: [
        summary("a", null),
        // Its parent comes later in the list (imported with an odd creation time): kept by id.
        summary("b", "d", { createdAt: "2024-12-31T23:59:59.999Z", label: "Starred one", contextFallback: true, store: false, contextMode: "replay" }),
        summary("c", "a", { status: "failed", error: { code: "upstream_error", message: "boom" }, usage: null, responseId: null, ttftMs: null, durationMs: null, costUsd: null }),
        summary("d", "a", { usage: { ...summary("x", null).usage!, input_tokens_details: { cached_tokens: 4, cache_write_tokens: 2 } } as ResponseUsage, itemTypes: ["web_search_call", "message"], citationCount: 3 }),
        summary("e", "missing", { usage: odd, answeredCallIds: ["call_1"], inputImageCount: 2, model: "gpt-5", providerId: "openai", status: "in_progress" }),
        summary("f", "d", { createdAt: "2025-03-01T10:20:30.456Z", itemTypes: [] }),
        summary("g", "f", { note: "Why this one", starred: true, source: "proxy", clientName: "Codex", createdBy: "user_1" }),
      ],
    };
    const packed = packTree(detail);
    expect(unpackTree(JSON.parse(JSON.stringify(packed)))).toEqual(detail);
    // Repeated strings are sent once.
    expect(packed.strings.filter((s) => s === "offline-echo")).toHaveLength(1);
  });

  it("sends a parent that came before as its index, not its id", () => {
    const packed = packTree({ tree, nodes: [summary("root", null), summary("child", "root")] });
    expect(packed.nodes[1]![1]).toBe(0);
    expect(unpackTree(packed).nodes[1]!.parentId).toBe("root");
  });

  it("writes the same text as serialising the answer, the same list again too, with or without people", () => {
    const nodes = [summary("root", null), summary("child", "root", { label: "A \"quoted\" label" })];
    const people = [{ id: "user_1", name: "Ann" }] as unknown as TreeDetail["people"];
    for (const detail of [{ tree, nodes, people }, { tree, nodes }] as TreeDetail[]) {
      for (let again = 0; again < 2; again++) {
        expect(treeAnswerText(detail, true)).toBe(JSON.stringify(packTree(detail)));
        expect(treeAnswerText(detail, false)).toBe(JSON.stringify(detail));
      }
    }
  });
});
