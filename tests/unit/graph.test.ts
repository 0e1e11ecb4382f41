import { describe, expect, it } from "vitest";
import { buildGraph, highlightPath } from "@/components/graph/flow";
import { contextLabel, totalTokens } from "@/lib/tree/node-status";
import { indexTree, moveForKey, neighbour, pathTo, subtreeIds } from "@/lib/tree/tree-index";
import type { NodeSummary } from "@/lib/contracts/nodes";
import { nodeSummary } from "./support/node-summary";

function node(id: string, parentId: string | null, extra: Partial<NodeSummary> = {}): NodeSummary {
  return nodeSummary(id, parentId, { usage: { total_tokens: 42 } as NodeSummary["usage"], ttftMs: 10, durationMs: 20, ...extra });
}

//   a ─ b ─ d
//     └ c
//   r (second root)
const nodes = [node("a", null), node("b", "a"), node("c", "a"), node("d", "b"), node("r", null)];

describe("indexTree and pathTo", () => {
  it("indexes children in order and treats nodes with a missing parent as roots", () => {
    const index = indexTree([...nodes, node("orphan", "gone")]);
    expect(index.roots).toEqual(["a", "r", "orphan"]);
    expect(index.children.get("a")).toEqual(["b", "c"]);
  });

  it("returns the path from the root to a node, and nothing for an unknown id", () => {
    const index = indexTree(nodes);
    expect(pathTo(index, "d")).toEqual(["a", "b", "d"]);
    expect(pathTo(index, "nope")).toEqual([]);
    expect(pathTo(index, null)).toEqual([]);
  });

  it("lists a node and every descendant (what deleting it removes), and nothing for an unknown id", () => {
    const index = indexTree(nodes);
    expect(subtreeIds(index, "a").sort()).toEqual(["a", "b", "c", "d"]);
    expect(subtreeIds(index, "b").sort()).toEqual(["b", "d"]);
    expect(subtreeIds(index, "r")).toEqual(["r"]);
    expect(subtreeIds(index, "nope")).toEqual([]);
  });
});

describe("buildGraph", () => {
  it("makes one card per node and one edge per parent link, none for roots or orphans", () => {
    const graph = buildGraph([...nodes, node("orphan", "gone")], "LR");
    expect(graph.nodes.map((n) => n.id)).toEqual(["a", "b", "c", "d", "r", "orphan"]);
    expect(graph.edges.map((e) => `${e.source}->${e.target}`)).toEqual(["a->b", "a->c", "b->d"]);
    expect(graph.nodes.every((n) => n.type === "arbor" && n.width && n.height)).toBe(true);
  });

  it("gives every card an accessible label with its question, answer and status", () => {
    const graph = buildGraph(nodes, "LR");
    expect(graph.nodes[0]?.ariaLabel).toContain("question a");
    expect(graph.nodes[0]?.ariaLabel).toContain("answer a");
    expect(graph.nodes[0]?.ariaLabel).toContain("completed");
  });

  it("lays children to the right in LR and below in TB", () => {
    const across = buildGraph(nodes, "LR");
    const down = buildGraph(nodes, "TB");
    const pos = (g: typeof across, id: string) => g.nodes.find((n) => n.id === id)?.position ?? { x: NaN, y: NaN };
    expect(pos(across, "b").x).toBeGreaterThan(pos(across, "a").x);
    expect(pos(down, "b").y).toBeGreaterThan(pos(down, "a").y);
  });

  it("animates the edge into a running node", () => {
    const graph = buildGraph([node("a", null), node("b", "a", { status: "in_progress" })], "LR");
    expect(graph.edges[0]?.animated).toBe(true);
  });

  it("keeps the objects of unchanged cards when rebuilt, so React Flow skips them", () => {
    const first = buildGraph(nodes, "LR");
    const changed = nodes.map((n) => (n.id === "d" ? { ...n, outputPreview: "new" } : n));
    const second = buildGraph(changed, "LR", first);
    expect(second.nodes.find((n) => n.id === "a")).toBe(first.nodes.find((n) => n.id === "a"));
    expect(second.nodes.find((n) => n.id === "d")).not.toBe(first.nodes.find((n) => n.id === "d"));
    expect(second.edges[0]).toBe(first.edges[0]);
    // A new sibling moves its neighbours: their cards are rebuilt with the new positions.
    const third = buildGraph([...changed, node("e", "b")], "LR", second);
    expect(third.nodes.find((n) => n.id === "d")?.position).not.toEqual(second.nodes.find((n) => n.id === "d")?.position);
  });
});

describe("highlightPath", () => {
  it("marks the cards and edges from the root to the selected node, and keeps the others untouched", () => {
    const graph = buildGraph(nodes, "LR");
    const index = indexTree(nodes);
    const lit = highlightPath(graph, pathTo(index, "d"), "d");
    const card = (id: string) => lit.nodes.find((n) => n.id === id);
    expect(card("a")?.data.onPath).toBe(true);
    expect(card("a")?.data.selected).toBe(false);
    expect(card("d")?.data.selected).toBe(true);
    expect(card("c")).toBe(graph.nodes.find((n) => n.id === "c"));
    expect(lit.edges.filter((e) => e.data?.onPath).map((e) => e.id)).toEqual(["a->b", "b->d"]);
  });

  it("returns the graph as it is when nothing is selected", () => {
    const graph = buildGraph(nodes, "TB");
    expect(highlightPath(graph, [], null)).toBe(graph);
  });
});

describe("keyboard moves", () => {
  const index = indexTree(nodes);

  it("maps arrows along the depth axis to parent/child and across it to siblings", () => {
    expect(moveForKey("ArrowLeft", "LR")).toBe("parent");
    expect(moveForKey("ArrowDown", "LR")).toBe("nextSibling");
    expect(moveForKey("ArrowUp", "TB")).toBe("parent");
    expect(moveForKey("ArrowRight", "TB")).toBe("nextSibling");
    expect(moveForKey("Enter", "TB")).toBeNull();
  });

  it("moves to parent, first child and siblings, stopping at the ends", () => {
    expect(neighbour(index, "b", "parent")).toBe("a");
    expect(neighbour(index, "a", "parent")).toBeNull();
    expect(neighbour(index, "a", "child")).toBe("b");
    expect(neighbour(index, "d", "child")).toBeNull();
    expect(neighbour(index, "b", "nextSibling")).toBe("c");
    expect(neighbour(index, "c", "nextSibling")).toBeNull();
    expect(neighbour(index, "c", "previousSibling")).toBe("b");
    expect(neighbour(index, "a", "nextSibling")).toBe("r");
  });

  it("goes back down the branch it came up from", () => {
    const withSibling = indexTree([...nodes, node("e", "c")]);
    expect(neighbour(withSibling, "a", "child", "e")).toBe("c");
    expect(neighbour(withSibling, "a", "child", null)).toBe("b");
  });
});

describe("badges", () => {
  it("names the context mode and reads total tokens", () => {
    expect(contextLabel(node("x", null))).toBe("root");
    expect(contextLabel(node("x", "p"))).toBe("chain");
    expect(contextLabel(node("x", "p", { contextMode: "replay" }))).toBe("replay");
    expect(contextLabel(node("x", "p", { contextMode: "replay", contextFallback: true }))).toBe("replay (fallback)");
    expect(totalTokens(node("x", null))).toBe(42);
    expect(totalTokens(node("x", null, { usage: null }))).toBeNull();
  });
});
