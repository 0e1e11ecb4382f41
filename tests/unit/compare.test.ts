import { describe, expect, it } from "vitest";
import { compareContexts, compareMetrics, describeItem, diffText } from "@/lib/tree/compare";
import type { NodeSummary } from "@/lib/contracts/nodes";

const user = (text: string, id?: string) => ({ ...(id ? { id } : {}), type: "message", role: "user", content: [{ type: "input_text", text }] });

describe("compareContexts", () => {
  it("aligns items by position, ignoring ids and statuses, and marks what differs or is missing", () => {
    const rows = compareContexts([user("hi", "msg_1"), user("left")], [user("hi", "msg_2"), user("right"), user("extra")]);
    expect(rows.map((r) => r.same)).toEqual([true, false, false]);
    expect(rows[2]).toMatchObject({ a: undefined, b: user("extra") });
  });

  it("treats the same item with its keys in another order as the same", () => {
    const reordered = { content: [{ text: "hi", type: "input_text" }], role: "user", type: "message" };
    expect(compareContexts([user("hi")], [reordered])[0]?.same).toBe(true);
  });
});

describe("describeItem", () => {
  it("says who said what, or which tool ran", () => {
    expect(describeItem(user("Plan  a\npicnic"))).toBe("user: Plan a picnic");
    expect(describeItem({ type: "message", role: "assistant", content: [{ type: "output_text", text: "Sure" }] })).toBe("assistant: Sure");
    expect(describeItem({ type: "function_call", name: "get_weather", arguments: '{"city":"Oslo"}' })).toBe('function_call get_weather({"city":"Oslo"})');
    expect(describeItem({ type: "web_search_call" })).toBe("web_search_call");
    expect(describeItem(undefined)).toBe("—");
  });
});

describe("diffText", () => {
  it("finds the words only in A and only in B", () => {
    expect(diffText("the cat sat", "the dog sat")).toEqual([
      { text: "the ", kind: "same" },
      { text: "cat", kind: "removed" },
      { text: "dog", kind: "added" },
      { text: " sat", kind: "same" },
    ]);
  });
});

describe("compareMetrics", () => {
  const node = (usage: Record<string, unknown> | null, ttftMs: number | null, durationMs: number | null, costUsd: number | null) =>
    ({ usage, ttftMs, durationMs, costUsd }) as NodeSummary;
  it("subtracts A from B where both are known, and leaves unknowns as null", () => {
    const rows = compareMetrics(node({ input_tokens: 10, output_tokens: 5, total_tokens: 15 }, 40, 400, null), node({ input_tokens: 12, output_tokens: 9, total_tokens: 21 }, 30, 500, 0.002));
    const byLabel = Object.fromEntries(rows.map((r) => [r.label, r]));
    expect(byLabel["Input tokens"]).toMatchObject({ a: 10, b: 12, delta: 2 });
    expect(byLabel["Time to first token"]).toMatchObject({ delta: -10 });
    expect(byLabel["Cost"]).toMatchObject({ a: null, b: 0.002, delta: null });
    expect(byLabel["Cached tokens"]).toMatchObject({ a: null, b: null, delta: null });
  });
});
