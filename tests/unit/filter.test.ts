import { describe, expect, it } from "vitest";
import { filterChoices, filterFromValue, filterToValue, matchesFilter } from "@/lib/tree/filter";
import type { NodeSummary } from "@/lib/contracts/nodes";

const node = (model: string, itemTypes: string[]) => ({ model, itemTypes }) as NodeSummary;
const isTool = (type: string) => type.endsWith("_call");

describe("graph filter", () => {
  it("matches nodes that used a tool type or a model, and everything without a filter", () => {
    const web = node("offline-assistant", ["web_search_call", "message"]);
    expect(matchesFilter({ kind: "tool", type: "web_search_call" }, web)).toBe(true);
    expect(matchesFilter({ kind: "tool", type: "file_search_call" }, web)).toBe(false);
    expect(matchesFilter({ kind: "model", model: "offline-echo" }, web)).toBe(false);
    expect(matchesFilter(null, web)).toBe(true);
  });

  it("offers the tree's tool types and models, most used first, with counts", () => {
    const nodes = [node("b", ["web_search_call", "message"]), node("a", ["message"]), node("a", ["function_call"]), node("a", ["web_search_call"])];
    expect(filterChoices(nodes, isTool)).toEqual({
      tools: [["web_search_call", 2], ["function_call", 1]],
      models: [["a", 3], ["b", 1]],
    });
  });

  it("round-trips through a select value", () => {
    for (const filter of [null, { kind: "tool", type: "mcp_call" }, { kind: "model", model: "org/model:v1" }] as const) {
      expect(filterFromValue(filterToValue(filter))).toEqual(filter);
    }
  });
});
