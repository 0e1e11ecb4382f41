import { describe, expect, it } from "vitest";
import type { NodeSummary } from "@/lib/contracts/nodes";
import { fanOutBodies, MAX_FAN_OUT, parseTemperatures } from "@/lib/client/fan-out";
import { compactedSource, compactedSourceText } from "@/lib/tree/compacted";
import { matchNode, snippetOf } from "@/lib/tree/search";
import { changedWords, differenceText, differingValue, siblingDifference, siblingPosition } from "@/lib/tree/siblings";
import { leafThrough, switchSibling, threadTo } from "@/lib/tree/thread";
import { indexTree } from "@/lib/tree/tree-index";
import { nodeSummary } from "./support/node-summary";

function node(id: string, parentId: string | null, inputPreview: string, extra: Partial<NodeSummary> = {}): NodeSummary {
  return nodeSummary(id, parentId, { treeId: "t", inputPreview, createdAt: "2026-01-01T00:00:00Z", ...extra });
}

// root ─┬ a  "Plan a trip to Lisbon"          (original)
//       ├ b  "Plan a trip to Porto"           (edit)
//       ├ c  "Plan a trip to Lisbon"          (regenerate of a)
//       └ d  tool outputs (two, differing in one value)
const tool = (id: string, value: string) => node(id, "w", `Tool output: {"temperature_c": ${value}, "sky": "clear"}`, { answeredCallIds: ["call_1"] });
const index = indexTree([
  node("root", null, "Hello"),
  node("a", "root", "Plan a trip to Lisbon"),
  node("b", "root", "Plan a trip to Porto"),
  node("c", "root", "Plan a trip to Lisbon", { model: "offline-assistant" }),
  node("a1", "a", "More trams"),
  node("a2", "a", "Fewer trams"),
  node("a2x", "a2", "And museums"),
  node("w", null, "Weather?"),
  tool("t1", "1"),
  tool("t2", "13"),
]);

describe("siblings", () => {
  it("says where a node sits among its siblings, for a ‹ 2/3 › switcher", () => {
    expect(siblingPosition(index, "b")).toEqual({ position: 2, count: 3, previous: "a", next: "c" });
    expect(siblingPosition(index, "a1")).toEqual({ position: 1, count: 2, previous: null, next: "a2" });
    expect(siblingPosition(index, "a2x")).toBeNull();
  });

  it("tells a regenerate, an edit and an alternative tool output apart", () => {
    expect(siblingDifference(index, "a")).toEqual({ kind: "regenerate", ordinal: 1, of: 2, model: "offline-echo" });
    expect(differenceText(siblingDifference(index, "c")!)).toBe("regenerate 2 of 2 · offline-assistant");
    expect(siblingDifference(index, "b")).toEqual({ kind: "edit", removed: "Lisbon", added: "Porto" });
    expect(differenceText(siblingDifference(index, "b")!)).toBe("edit: Porto");
    expect(siblingDifference(index, "a2")).toEqual({ kind: "edit", removed: "More", added: "Fewer" });
    expect(siblingDifference(index, "a1")).toEqual({ kind: "original" });
    // The two outputs differ where a truncated preview would cut them: the whole differing value is shown, with its key.
    expect(differenceText(siblingDifference(index, "t2")!)).toBe("output: temperature_c: 13");
    expect(siblingDifference(index, "root")).toEqual({ kind: "original" });
    expect(siblingDifference(index, "a2x")).toBeNull();
  });

  it("tells inputs apart by their whole text, not their 160-character previews", () => {
    const long = `${"Plan a long trip through Portugal, ".repeat(5).slice(0, 159)}…`;
    const tree = indexTree([
      node("p", null, "Go"),
      node("x", "p", long, { inputDigest: "aaaaaaaaaaaa" }),
      node("y", "p", long, { inputDigest: "bbbbbbbbbbbb" }),
      node("z", "p", long, { inputDigest: "aaaaaaaaaaaa" }),
    ]);
    const images = indexTree([node("q", null, "Go"), node("i", "q", "Describe this", { inputDigest: "cccccccccccc" }), node("j", "q", "Describe this", { inputDigest: "dddddddddddd" })]);
    // x and z asked the same thing; y differs past the preview; j differs in what the preview cannot show at all.
    expect(siblingDifference(tree, "z")).toEqual({ kind: "regenerate", ordinal: 2, of: 2, model: null });
    expect(differenceText(siblingDifference(tree, "y")!)).toBe("edit: changed after the first 160 characters");
    expect(differenceText(siblingDifference(images, "j")!)).toBe("edit: other images or items");
  });

  it("sets a compacted root apart from the roots beside it: it is no edit, and they are no edits of it", () => {
    const withCompacted = indexTree([node("r", null, "Plan a picnic"), node("k", null, "", { compactedFrom: "r" })]);
    expect(siblingPosition(withCompacted, "k")).toEqual({ position: 2, count: 2, previous: "r", next: null });
    expect(siblingDifference(withCompacted, "k")).toBeNull();
    expect(siblingDifference(withCompacted, "r")).toBeNull();
    const source = compactedSource(withCompacted, withCompacted.byId.get("k")!)!;
    expect(compactedSourceText(source)).toBe("Compacted from “Plan a picnic”");
    expect(compactedSourceText({ id: "gone", node: null })).toBe("Compacted from a node since deleted");
  });

  it("widens a difference to whole values and words", () => {
    expect(differingValue('{"temperature_c": 1}', '{"temperature_c": 13}')).toBe("temperature_c: 13");
    expect(differingValue('{"city": "Oslo", "n": 2}', '{"city": "Osaka", "n": 2}')).toBe("city: Osaka");
    expect(differingValue("[1, 2, 3]", "[1, 5, 3]")).toBe("5");
    expect(changedWords("a quick brown fox", "a slow brown fox jumps")).toEqual({ removed: "quick", added: "slow … jumps" });
  });
});

describe("threads", () => {
  it("lists the turns from the root to a node, each with its siblings", () => {
    expect(threadTo(index, "a2x")).toEqual([
      { id: "root", siblings: ["root", "w"], position: 0 },
      { id: "a", siblings: ["a", "b", "c"], position: 0 },
      { id: "a2", siblings: ["a1", "a2"], position: 1 },
      { id: "a2x", siblings: ["a2x"], position: 0 },
    ]);
    expect(threadTo(index, "missing")).toEqual([]);
  });

  it("switches a turn to a sibling and follows that branch to its newest end", () => {
    expect(leafThrough(index, "a")).toBe("a2x");
    expect(switchSibling(index, "a2", -1)).toBe("a1");
    expect(switchSibling(index, "a1", 1)).toBe("a2x");
    expect(switchSibling(index, "b", 1)).toBe("c");
    expect(switchSibling(index, "c", 1)).toBeNull();
  });
});

describe("search", () => {
  it("cuts a snippet around the phrase, at word boundaries", () => {
    const text = "The quick brown fox jumps over the lazy dog while the cat sleeps on a warm windowsill in the afternoon sun";
    expect(snippetOf(text, "LAZY dog", 12)).toEqual({ before: "…over the ", match: "lazy dog", after: " while the…" });
    expect(snippetOf(text, "cat fox", 8)).toEqual({ before: "…brown ", match: "fox", after: " jumps…" });
    expect(snippetOf(text, "zebra")).toBeNull();
  });

  it("matches a node in its most telling field that holds every word", () => {
    const searchable = { label: "Porto plan", note: "check the trams", input: "Plan a trip to Porto with trams", output: "Porto has trams" };
    expect(matchNode(searchable, "porto")?.field).toBe("label");
    expect(matchNode(searchable, "trams")?.field).toBe("note");
    expect(matchNode(searchable, "trip porto")?.field).toBe("input");
    expect(matchNode(searchable, "porto has")?.field).toBe("output");
    expect(matchNode(searchable, "porto lisbon")).toBeNull();
  });
});

describe("fan-out", () => {
  const base = { parentId: "p", input: "Name three museums", providerId: "offline", model: "offline-echo", params: { max_output_tokens: 100 } };

  it("makes one labelled sibling body per model, sample, temperature or effort", () => {
    expect(fanOutBodies(base, { kind: "models", choices: [{ providerId: "offline", model: "offline-echo" }, { providerId: "offline", model: "offline-assistant" }] }).map((b) => [b.model, b.label])).toEqual([
      ["offline-echo", "offline-echo"],
      ["offline-assistant", "offline-assistant"],
    ]);
    expect(fanOutBodies(base, { kind: "samples", count: 3 }).map((b) => b.label)).toEqual(["sample 1 of 3", "sample 2 of 3", "sample 3 of 3"]);
    const sweep = fanOutBodies(base, { kind: "temperature", values: [0, 1.4] });
    expect(sweep.map((b) => b.params)).toEqual([
      { max_output_tokens: 100, temperature: 0 },
      { max_output_tokens: 100, temperature: 1.4 },
    ]);
    expect(fanOutBodies(base, { kind: "reasoning", efforts: ["low", "high"] }).map((b) => [b.params?.reasoning?.effort, b.label])).toEqual([
      ["low", "reasoning low"],
      ["high", "reasoning high"],
    ]);
    expect(fanOutBodies(base, { kind: "samples", count: 50 })).toHaveLength(MAX_FAN_OUT);
    // Every sibling keeps the one input and parent.
    expect(new Set(sweep.map((b) => `${b.parentId}|${String(b.input)}`)).size).toBe(1);
  });

  it("reads a list of temperatures, refusing what the API would", () => {
    expect(parseTemperatures("0, 0.7 1.4")).toEqual([0, 0.7, 1.4]);
    expect(parseTemperatures("0.5")).toMatch(/at least two/);
    expect(parseTemperatures("0, 3")).toMatch(/0 to 2/);
    expect(parseTemperatures("0, hot")).toMatch(/0 to 2/);
  });
});
