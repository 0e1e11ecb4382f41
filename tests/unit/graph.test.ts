import { describe, expect, it } from "vitest";
import { NODE_HEIGHT, NODE_WIDTH, highlightPath } from "@/components/graph/flow";
import { createGraphBuilder } from "@/components/graph/graph-builder";
import { buildGraph, buildModel, graphOf, windowOf, type GraphModel } from "@/components/graph/graph-model";
import { contextLabel, totalTokens } from "@/lib/tree/node-status";
import { indexTree, moveForKey, neighbour, pathTo, reindexTree, subtreeIds } from "@/lib/tree/tree-index";
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

/** What a graph shows, without object identity. */
const content = (graph: { nodes: { id: string; position: unknown; ariaLabel?: string; data: unknown }[]; edges: { id: string; animated?: boolean }[] }) => ({
  nodes: graph.nodes.map((n) => ({ id: n.id, position: n.position, ariaLabel: n.ariaLabel, data: n.data })),
  edges: graph.edges.map((e) => ({ id: e.id, animated: e.animated })),
});

describe("reindexTree", () => {
  it("answers what indexTree answers, through nodes replaced in place, added, orphaned and repeated", () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let current: NodeSummary[] = [node("n0", null), node("o1", "p-later")];
    let index = indexTree(current);
    for (let step = 1; step < 150; step++) {
      const roll = random();
      let next: NodeSummary[];
      if (roll < 0.45) {
        const parent = current[Math.floor(random() * current.length)]!;
        next = [...current, node(`n${step}`, random() < 0.1 ? "missing" : parent.id)];
      } else if (roll < 0.5) {
        // The parent an orphan was waiting for, or an id already in the tree.
        next = [...current, node(random() < 0.5 ? "p-later" : current[0]!.id, null)];
      } else if (roll < 0.55) {
        next = current.slice(1);
      } else {
        const at = Math.floor(random() * current.length);
        next = current.map((n, i) => (i === at ? { ...n, outputPreview: `step ${step}` } : n));
      }
      const again = reindexTree(current, index, next);
      const fresh = indexTree(next);
      expect(again.roots).toEqual(fresh.roots);
      expect(new Map(again.children)).toEqual(new Map(fresh.children));
      expect([...again.byId]).toEqual([...fresh.byId]);
      current = next;
      index = again;
    }
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

  it("keeps the layout when only what nodes say changed, and lays out again when a node is added", () => {
    const first = buildModel(nodes, "LR");
    const ended = buildModel(nodes.map((n) => (n.id === "d" ? { ...n, status: "completed" as const } : n)), "LR", first);
    expect(ended.x).toBe(first.x);
    const grown = buildModel([...nodes, node("e", "b")], "LR", ended);
    expect(grown.x).not.toBe(first.x);
  });

  it("builds from the previous model exactly what it builds from scratch, through adds, edits, ends and folds", () => {
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let current = [node("n0", null)];
    let previous = buildGraph(current, "TB");
    for (let step = 1; step < 120; step++) {
      const roll = random();
      if (roll < 0.5) {
        const parent = current[Math.floor(random() * current.length)]!;
        current = [...current, node(`n${step}`, parent.id, { status: random() < 0.5 ? "in_progress" : "completed", inputPreview: random() < 0.3 ? parent.inputPreview : `ask ${step}` })];
      } else {
        const at = Math.floor(random() * current.length);
        current = current.map((n, i) => (i === at ? { ...n, status: "completed" as const, inputPreview: roll < 0.7 ? `edited ${step}` : n.inputPreview } : n));
      }
      const collapsed = step % 17 === 0 ? new Set([current[0]!.id]) : new Set<string>();
      const next = buildGraph(current, "TB", previous, collapsed.size ? collapsed : undefined);
      // From scratch: copies of every summary, so nothing built before (cards are kept per summary object) is reused.
      const fresh = buildGraph(current.map((n) => ({ ...n })), "TB", null, collapsed.size ? collapsed : undefined);
      expect(content(next)).toEqual(content(fresh));
      previous = next;
    }
  });
});

describe("createGraphBuilder", () => {
  // More nodes than a render lays out itself: a new layout is worked out over several tasks.
  const big = Array.from({ length: 2_500 }, (_, i) => node(`b${i}`, i === 0 ? null : `b${Math.floor((i - 1) / 3)}`));
  const none = new Set<string>();

  it("lays a big tree's new shape out later, and takes only what it says about the same nodes at once", async () => {
    const builder = createGraphBuilder();
    const first = builder.now(big, "LR", none, indexTree(big))!;
    const ended = big.map((n, i) => (i === 9 ? { ...n, status: "completed" as const, outputPreview: "ended" } : n));
    expect(builder.now(ended, "LR", none, indexTree(ended))?.x).toBe(first.x);
    const grown = [...ended, node("new", "b9")];
    expect(builder.now(grown, "LR", none, indexTree(grown))).toBeNull();
    expect(builder.last()?.input).toBe(ended);
    const model = await new Promise<GraphModel>((done) => builder.later(grown, "LR", none, indexTree(grown), done));
    expect(model.input).toBe(grown);
    expect(content(graphOf(model))).toEqual(content(graphOf(buildModel(grown.map((n) => ({ ...n })), "LR"))));
  });

  it("finishes the layout under way when newer nodes arrive, then lays those out, and hands each model on", async () => {
    const builder = createGraphBuilder();
    builder.now(big, "LR", none, indexTree(big));
    const one = [...big, node("one", "b1")];
    const oneEnded = one.map((n) => (n.id === "one" ? { ...n, outputPreview: "done" } : n));
    const two = [...oneEnded, node("two", "b2")];
    const seen: GraphModel[] = [];
    const finished = new Promise<void>((resolve) => {
      const done = (model: GraphModel) => {
        seen.push(model);
        if (model.input === two) resolve();
      };
      builder.later(one, "LR", none, indexTree(one), done);
      // Before the first layout has finished: the same shape with news, then a new shape.
      builder.later(oneEnded, "LR", none, indexTree(oneEnded), done);
      builder.later(two, "LR", none, indexTree(two), done);
    });
    await finished;
    expect(seen.map((m) => m.input)).toEqual([one, two]);
    expect(seen[1]!.shown.some((n) => n.id === "two")).toBe(true);
  });

  it("stops: nothing is handed on after", async () => {
    const builder = createGraphBuilder();
    builder.now(big, "LR", none, indexTree(big));
    const grown = [...big, node("late", "b3")];
    let handed = false;
    builder.later(grown, "LR", none, indexTree(grown), () => (handed = true));
    builder.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(handed).toBe(false);
  });
});

describe("windowOf", () => {
  // A root with 30 children: in LR the children stand in a column far taller than the root's card.
  const wide = [node("root", null), ...Array.from({ length: 30 }, (_, i) => node(`c${i}`, "root"))];

  it("hands React Flow the cards in the rectangle, and both ends of every edge that crosses it", () => {
    const model = buildModel(wide, "LR");
    const all = graphOf(model);
    const at = (id: string) => all.nodes.find((n) => n.id === id)!.position;
    const first = at("c0");
    // Only c0's card is inside; the edge root -> c0 crosses the rectangle, so the root comes too.
    const view = windowOf(model, { x0: first.x, y0: first.y, x1: first.x + NODE_WIDTH, y1: first.y + NODE_HEIGHT / 2 });
    expect(view.nodes.map((n) => n.id).sort()).toEqual(["c0", "root"]);
    expect(view.edges.map((e) => e.id)).toEqual(["root->c0"]);
    // The whole tree's rectangle gives every card and edge, the same objects as the full graph.
    const everything = windowOf(model, { x0: -1e6, y0: -1e6, x1: 1e6, y1: 1e6 });
    expect(everything.nodes).toEqual(all.nodes);
    expect(everything.nodes[5]).toBe(all.nodes[5]);
    expect(everything.edges).toHaveLength(30);
  });

  it("gives nothing for a rectangle away from the tree", () => {
    const model = buildModel(wide, "LR");
    expect(windowOf(model, { x0: 1e5, y0: 1e5, x1: 1e5 + 10, y1: 1e5 + 10 })).toEqual({ nodes: [], edges: [] });
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
