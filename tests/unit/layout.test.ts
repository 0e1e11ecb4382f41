import { hierarchy, tree } from "d3-hierarchy";
import { describe, expect, it } from "vitest";
import { layoutTree, type LayoutInput, type LayoutOptions, type Point } from "@/lib/tree/layout";

const size = { nodeWidth: 200, nodeHeight: 80, siblingGap: 20, levelGap: 60 };
const lr: LayoutOptions = { direction: "LR", ...size };
const tb: LayoutOptions = { direction: "TB", ...size };

function at(positions: Map<string, Point>, id: string): Point {
  const point = positions.get(id);
  if (!point) throw new Error(`no position for ${id}`);
  return point;
}

function overlaps(a: Point, b: Point): boolean {
  return a.x < b.x + size.nodeWidth && b.x < a.x + size.nodeWidth && a.y < b.y + size.nodeHeight && b.y < a.y + size.nodeHeight;
}

/** A deterministic bushy tree: node i hangs under a pseudo-random earlier node; a few roots. */
function randomTree(count: number, seed = 7): LayoutInput[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const nodes: LayoutInput[] = [];
  for (let i = 0; i < count; i++) {
    const parentId = i === 0 || next() < 0.05 ? null : `n${Math.floor(next() * i)}`;
    nodes.push({ id: `n${i}`, parentId });
  }
  return nodes;
}

describe("layoutTree", () => {
  it("returns nothing for an empty tree", () => {
    expect(layoutTree([], lr).size).toBe(0);
  });

  it("places a chain along the depth axis: left to right in LR, top to bottom in TB", () => {
    const chain = [
      { id: "a", parentId: null },
      { id: "b", parentId: "a" },
      { id: "c", parentId: "b" },
    ];
    const across = layoutTree(chain, lr);
    expect(at(across, "a").x).toBeLessThan(at(across, "b").x);
    expect(at(across, "b").x).toBeLessThan(at(across, "c").x);
    expect(at(across, "a").y).toBe(at(across, "c").y);

    const down = layoutTree(chain, tb);
    expect(at(down, "a").y).toBeLessThan(at(down, "b").y);
    expect(at(down, "b").y).toBeLessThan(at(down, "c").y);
    expect(at(down, "a").x).toBe(at(down, "c").x);
  });

  it("puts siblings side by side at the same depth, in input order, centred on their parent", () => {
    const nodes = [
      { id: "p", parentId: null },
      { id: "s1", parentId: "p" },
      { id: "s2", parentId: "p" },
      { id: "s3", parentId: "p" },
    ];
    const down = layoutTree(nodes, tb);
    const [s1, s2, s3] = ["s1", "s2", "s3"].map((id) => at(down, id));
    if (!s1 || !s2 || !s3) throw new Error("missing siblings");
    expect(new Set([s1.y, s2.y, s3.y]).size).toBe(1);
    expect(s1.x).toBeLessThan(s2.x);
    expect(s2.x).toBeLessThan(s3.x);
    expect(s2.x - s1.x).toBeGreaterThanOrEqual(size.nodeWidth + size.siblingGap);
    expect(s2.x).toBe(at(down, "p").x);

    const across = layoutTree(nodes, lr);
    expect(new Set(["s1", "s2", "s3"].map((id) => at(across, id).x)).size).toBe(1);
    expect(at(across, "s2").y - at(across, "s1").y).toBeGreaterThanOrEqual(size.nodeHeight + size.siblingGap);
  });

  it("hangs several roots under a virtual root: all at depth 0, side by side, none overlapping", () => {
    const nodes = [
      { id: "r1", parentId: null },
      { id: "r2", parentId: null },
      { id: "c", parentId: "r2" },
      { id: "orphan", parentId: "deleted-parent" },
    ];
    const down = layoutTree(nodes, tb);
    expect(down.size).toBe(4);
    const roots = ["r1", "r2", "orphan"].map((id) => at(down, id));
    expect(new Set(roots.map((p) => p.y))).toEqual(new Set([0]));
    expect(new Set(roots.map((p) => p.x)).size).toBe(3);
    expect(at(down, "c").y).toBeGreaterThan(0);
    for (const a of roots) for (const b of roots) if (a !== b) expect(overlaps(a, b)).toBe(false);
  });

  it("never overlaps two cards, in either direction, for a large bushy tree", () => {
    const nodes = randomTree(400);
    for (const options of [lr, tb]) {
      const positions = layoutTree(nodes, options);
      expect(positions.size).toBe(nodes.length);
      const points = [...positions.values()].sort((a, b) => a.x - b.x || a.y - b.y);
      for (let i = 0; i < points.length; i++) {
        for (let j = i + 1; j < points.length; j++) {
          const a = points[i];
          const b = points[j];
          if (!a || !b) continue;
          if (b.x >= a.x + size.nodeWidth) break;
          expect(overlaps(a, b)).toBe(false);
        }
      }
    }
  });

  it("lays out LR as the transpose of TB (same tree shape, axes swapped)", () => {
    const nodes = randomTree(60, 3);
    const down = layoutTree(nodes, tb);
    const across = layoutTree(nodes, lr);
    const depthOrder = (positions: Map<string, Point>, axis: "x" | "y") =>
      nodes.map((n) => at(positions, n.id)[axis]).map((v, _, all) => [...new Set(all)].sort((a, b) => a - b).indexOf(v));
    expect(depthOrder(across, "x")).toEqual(depthOrder(down, "y"));
    const breadthOrder = (positions: Map<string, Point>, axis: "x" | "y") =>
      [...nodes].sort((a, b) => at(positions, a.id)[axis] - at(positions, b.id)[axis]).map((n) => n.id);
    expect(breadthOrder(across, "y")).toEqual(breadthOrder(down, "x"));
  });

  it("survives parent cycles in bad data: every node placed at depth 0 or below, none on another", () => {
    // a <-> b is a cycle; t leads into the cycle d -> e -> d without being part of it.
    const nodes = [
      { id: "a", parentId: "b" },
      { id: "b", parentId: "a" },
      { id: "c", parentId: null },
      { id: "t", parentId: "d" },
      { id: "d", parentId: "e" },
      { id: "e", parentId: "d" },
    ];
    const positions = layoutTree(nodes, lr);
    expect(positions.size).toBe(6);
    const points = [...positions.values()];
    for (const p of points) expect(p.x).toBeGreaterThanOrEqual(0);
    for (const a of points) for (const b of points) if (a !== b) expect(overlaps(a, b)).toBe(false);
    // The tail hangs one level under the cycle member it points at.
    expect(at(positions, "t").x).toBe(at(positions, "d").x + size.nodeWidth + size.levelGap);
  });

  it("places every node where d3.hierarchy + d3.tree would (the linear hierarchy is the same hierarchy)", () => {
    const nodes = randomTree(600, 5);
    type Item = { id: string; children: Item[] };
    const items = new Map<string, Item>(nodes.map((n) => [n.id, { id: n.id, children: [] }]));
    const root: Item = { id: "root", children: [] };
    for (const n of nodes) (n.parentId ? items.get(n.parentId)! : root).children.push(items.get(n.id)!);
    const breadth = size.nodeHeight + size.siblingGap;
    const depth = size.nodeWidth + size.levelGap;
    const expected = tree<Item>().nodeSize([breadth, depth]).separation((a, b) => (a.parent === b.parent ? 1 : 1.25))(hierarchy(root, (i) => i.children));
    const positions = layoutTree(nodes, lr);
    for (const node of expected.descendants()) {
      if (node.depth === 0) continue;
      expect(at(positions, node.data.id)).toEqual({ x: (node.depth - 1) * depth, y: node.x - size.nodeHeight / 2 });
    }
  });

  it("lays out a 20,000-node chain, each node one level deeper than its parent", () => {
    const nodes = Array.from({ length: 20_000 }, (_, i) => ({ id: `c${i}`, parentId: i === 0 ? null : `c${i - 1}` }));
    const positions = layoutTree(nodes, tb);
    expect(positions.size).toBe(20_000);
    expect(at(positions, "c19999").y - at(positions, "c0").y).toBe(19_999 * (size.nodeHeight + size.levelGap));
    expect(at(positions, "c19999").x).toBe(at(positions, "c0").x);
  });

  it("lays out a 2,000-node tree quickly", () => {
    const nodes = randomTree(2000, 11);
    const started = performance.now();
    const positions = layoutTree(nodes, lr);
    expect(positions.size).toBe(2000);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
