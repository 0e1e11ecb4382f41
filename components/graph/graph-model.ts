import type { NodeSummary } from "@/lib/contracts/nodes";
import { layoutPoints, type LayoutDirection, type LayoutPoints } from "@/lib/tree/layout";
import { compactedSource, compactedSourceText } from "@/lib/tree/compacted";
import { awaitsToolOutput, isRunning } from "@/lib/tree/node-status";
import { differenceText, siblingDifference, type SiblingPosition } from "@/lib/tree/siblings";
import { indexTree, startsLike, subtreeIds, type TreeIndex } from "@/lib/tree/tree-index";
import { NODE_HEIGHT, NODE_WIDTH, cardFor, edgeFor, layoutOptions, movedCard, type ArborFlowEdge, type ArborFlowNode, type ArborGraph, type GraphRect } from "./flow";

/**
 * A tree laid out, with its cards and edges built only when asked for (`cardAt`, `edgeAt`, by position in `shown`):
 * a view of a 10,000-node tree asks for the few hundred cards in and around the viewport (`windowOf`), so a node
 * added or ended elsewhere in the tree costs those cards, not 10,000.
 */
export type GraphModel = {
  input: readonly NodeSummary[];
  index: TreeIndex;
  direction: LayoutDirection;
  collapsed: ReadonlySet<string>;
  /** The nodes not folded away, in input order. */
  shown: readonly NodeSummary[];
  /** The ids folded away, and how many each folded node hides. */
  hidden: ReadonlySet<string>;
  counts: ReadonlyMap<string, number>;
  /** Top-left corner of each shown card, and its parent's position in `shown` (-1 for a root). */
  x: Float64Array;
  y: Float64Array;
  parent: Int32Array;
  shownIds: ReadonlySet<string> | null;
  cards: (ArborFlowNode | undefined)[];
  edges: (ArborFlowEdge | null | undefined)[];
  /** Each sibling group worked out so far, and the previous model's, reused while its summaries are the same objects. */
  groups: Map<string, SiblingGroup>;
  previousGroups: ReadonlyMap<string, SiblingGroup> | undefined;
  all?: ArborGraph;
};
type SiblingGroup = {
  members: readonly (NodeSummary | undefined)[];
  positions: readonly SiblingPosition[];
  differences: readonly (string | null)[];
  /** Where each member sits, for groups too big to search. */
  at: ReadonlyMap<NodeSummary | undefined, number> | null;
};

// The last card and edge built for each summary object, for the next model to reuse when nothing they show changed
// (so React Flow re-renders only what changed). A card also depends on its siblings, children and position: all
// compared before reuse. An edge depends on its node's summary (status) and the parent it is drawn from.
const lastCard = new WeakMap<NodeSummary, ArborFlowNode>();
const lastEdge = new WeakMap<NodeSummary, ArborFlowEdge>();

/**
 * Lay out a tree. Pass the previous model to keep its layout when only what nodes say changed (a node ended), not
 * which nodes there are.
 */
export function buildModel(
  allNodes: readonly NodeSummary[],
  direction: LayoutDirection,
  previous: GraphModel | null = null,
  collapsed: ReadonlySet<string> = NO_COLLAPSED,
  index: TreeIndex = indexTree(allNodes),
  /** The layout of the shown nodes, when it was worked out beforehand (`layoutLater`). */
  points: LayoutPoints | null = null,
): GraphModel {
  const sameShape = previous !== null && sameShapeAs(previous, allNodes, direction, collapsed);
  const { hidden, counts } = sameShape ? previous : foldedAway(index, collapsed);
  const shown = shownOf(allNodes, hidden);
  const { x, y, parent } = sameShape ? previous : (points ?? layoutPoints(shown, layoutOptions(direction)));
  const shownIds = hidden.size === 0 ? null : sameShape ? previous.shownIds : new Set(shown.map((node) => node.id));
  return {
    input: allNodes,
    index,
    direction,
    collapsed,
    shown,
    hidden,
    counts,
    x,
    y,
    parent,
    shownIds,
    cards: new Array<ArborFlowNode | undefined>(shown.length),
    edges: new Array<ArborFlowEdge | null | undefined>(shown.length),
    groups: new Map(),
    previousGroups: previous?.groups,
  };
}

/** The card of the `s`-th shown node: the last one built for its summary when nothing it shows changed. */
export function cardAt(model: GraphModel, s: number): ArborFlowNode {
  const built = model.cards[s];
  if (built) return built;
  const { index, direction, x, y } = model;
  const summary = model.shown[s]!;
  const old = lastCard.get(summary);
  const childCount = index.children.get(summary.id)?.length ?? 0;
  const awaiting = awaitsToolOutput(summary, childCount > 0);
  const { sibling, difference } = siblingInfo(model, summary);
  const hiddenCount = model.counts.get(summary.id) ?? 0;
  const source = compactedSource(index, summary);
  const compactedFrom = source ? { id: source.node ? source.id : null, text: compactedSourceText(source) } : null;
  const same =
    old !== undefined &&
    old.data.awaitingToolOutput === awaiting &&
    old.data.direction === direction &&
    sameSibling(old.data.sibling, sibling) &&
    old.data.difference === difference &&
    old.data.childCount === childCount &&
    old.data.hiddenCount === hiddenCount &&
    old.data.compactedFrom?.text === compactedFrom?.text;
  const card =
    same && old.position.x === x[s] && old.position.y === y[s]
      ? old
      : // Moved by the layout only (a node added above it): the same card elsewhere, its data object kept.
        same
        ? movedCard(old, x[s]!, y[s]!)
        : cardFor(summary, direction, { x: x[s]!, y: y[s]! }, { awaitingToolOutput: awaiting, sibling, difference, childCount, hiddenCount, compactedFrom });
  lastCard.set(summary, card);
  model.cards[s] = card;
  return card;
}

/** The edge into the `s`-th shown node, or null for a root or a node whose parent is folded away. */
export function edgeAt(model: GraphModel, s: number): ArborFlowEdge | null {
  const built = model.edges[s];
  if (built !== undefined) return built;
  const summary = model.shown[s]!;
  // The parent the layout placed it under (its own, unless that is folded away, missing, or bad data cut it off).
  const p = model.parent[s]!;
  let edge: ArborFlowEdge | null = null;
  if (p >= 0) {
    const source = model.shown[p]!.id;
    const old = lastEdge.get(summary);
    edge = old && old.source === source ? old : edgeFor(source, summary, isRunning(summary));
    lastEdge.set(summary, edge);
  }
  model.edges[s] = edge;
  return edge;
}

/** Every card and edge (for a tree small enough to hand React Flow whole). */
export function graphOf(model: GraphModel): ArborGraph {
  if (model.all) return model.all;
  const nodes: ArborFlowNode[] = new Array(model.shown.length);
  const edges: ArborFlowEdge[] = [];
  for (let s = 0; s < model.shown.length; s++) {
    nodes[s] = cardAt(model, s);
    const edge = edgeAt(model, s);
    if (edge) edges.push(edge);
  }
  model.all = { nodes, edges };
  return model.all;
}

/**
 * The cards that overlap `rect`, with the edges between them: every edge whose bounding box (its two cards) overlaps
 * `rect` is drawn, both its cards with it, so a long edge across the view is never cut off.
 */
export function windowOf(model: GraphModel, rect: GraphRect): ArborGraph {
  const { x, y, parent } = model;
  const n = model.shown.length;
  const inside = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    const p = parent[s]!;
    if (x[s]! < rect.x1 && x[s]! + NODE_WIDTH > rect.x0 && y[s]! < rect.y1 && y[s]! + NODE_HEIGHT > rect.y0) inside[s] = 1;
    if (p < 0 || (inside[s] && inside[p])) continue;
    const left = Math.min(x[s]!, x[p]!);
    const top = Math.min(y[s]!, y[p]!);
    const right = Math.max(x[s]!, x[p]!) + NODE_WIDTH;
    const bottom = Math.max(y[s]!, y[p]!) + NODE_HEIGHT;
    if (left < rect.x1 && right > rect.x0 && top < rect.y1 && bottom > rect.y0) inside[s] = inside[p] = 1;
  }
  const nodes: ArborFlowNode[] = [];
  const edges: ArborFlowEdge[] = [];
  for (let s = 0; s < n; s++) {
    if (!inside[s]) continue;
    nodes.push(cardAt(model, s));
    const p = parent[s]!;
    const edge = p >= 0 && inside[p] ? edgeAt(model, s) : null;
    if (edge) edges.push(edge);
  }
  return { nodes, edges };
}

/** Where the card of `id` is, or null when it is not shown. */
export function positionOf(model: GraphModel, id: string | null): { x: number; y: number } | null {
  if (id === null) return null;
  const s = model.shown.findIndex((node) => node.id === id);
  return s === -1 ? null : { x: model.x[s]!, y: model.y[s]! };
}

/** The rectangle around the cards of `ids` (all shown cards when `ids` is null); null when there are none. */
export function boundsOf(model: GraphModel, ids: ReadonlySet<string> | null = null): GraphRect | null {
  let rect: GraphRect | null = null;
  for (let s = 0; s < model.shown.length; s++) {
    if (ids !== null && !ids.has(model.shown[s]!.id)) continue;
    const x = model.x[s]!;
    const y = model.y[s]!;
    rect = rect
      ? { x0: Math.min(rect.x0, x), y0: Math.min(rect.y0, y), x1: Math.max(rect.x1, x + NODE_WIDTH), y1: Math.max(rect.y1, y + NODE_HEIGHT) }
      : { x0: x, y0: y, x1: x + NODE_WIDTH, y1: y + NODE_HEIGHT };
  }
  return rect;
}

/**
 * Cards and edges for a tree, laid out as a tidy tree; highlighting is applied separately by `highlightPath`.
 * Pass the previous result to keep the objects of unchanged cards, so React Flow re-renders only what changed.
 */
export function buildGraph(
  allNodes: readonly NodeSummary[],
  direction: LayoutDirection,
  previous: { model: GraphModel } | null = null,
  collapsed: ReadonlySet<string> = NO_COLLAPSED,
): ArborGraph & { model: GraphModel } {
  const model = buildModel(allNodes, direction, previous?.model ?? null, collapsed);
  return { ...graphOf(model), model };
}

export const shownOf = (nodes: readonly NodeSummary[], hidden: ReadonlySet<string>) => (hidden.size === 0 ? nodes : nodes.filter((node) => !hidden.has(node.id)));

/** Whether `model`'s layout holds for these nodes: same direction, same folds, same ids under the same parents. */
export function sameShapeAs(model: GraphModel, nodes: readonly NodeSummary[], direction: LayoutDirection, collapsed: ReadonlySet<string>): boolean {
  return model.direction === direction && model.collapsed === collapsed && nodes.length === model.input.length && startsLike(nodes, model.input);
}

const NO_COLLAPSED: ReadonlySet<string> = new Set();
const NO_COUNTS: ReadonlyMap<string, number> = new Map();

/** The nodes under folded subtrees, and how many each folded node hides. */
export function foldedAway(index: TreeIndex, collapsed: ReadonlySet<string>): { hidden: ReadonlySet<string>; counts: ReadonlyMap<string, number> } {
  if (collapsed.size === 0) return { hidden: NO_COLLAPSED, counts: NO_COUNTS };
  const hidden = new Set<string>();
  const counts = new Map<string, number>();
  for (const id of collapsed) {
    if (hidden.has(id)) continue;
    const under = subtreeIds(index, id).slice(1);
    if (under.length === 0) continue;
    counts.set(id, under.length);
    for (const below of under) {
      hidden.add(below);
      counts.delete(below);
    }
  }
  return { hidden, counts };
}

const sameSibling = (a: SiblingPosition | null, b: SiblingPosition | null) =>
  a === b || (a !== null && b !== null && a.position === b.position && a.count === b.count && a.previous === b.previous && a.next === b.next);

/**
 * Where a node sits among its siblings and how it differs from them, worked out once per sibling group and kept
 * while the group's summaries are the same objects: a re-render of a big tree does not diff every card again.
 */
function siblingInfo(model: GraphModel, summary: NodeSummary): { sibling: SiblingPosition | null; difference: string | null } {
  const { index } = model;
  const parentId = summary.parentId !== null && summary.parentId !== summary.id && index.byId.has(summary.parentId) ? summary.parentId : null;
  const ids = parentId === null ? index.roots : (index.children.get(parentId) ?? []);
  if (ids.length < 2) return NO_SIBLINGS;
  const key = parentId ?? "";
  let group = model.groups.get(key);
  if (!group) {
    const members = ids.map((id) => index.byId.get(id));
    const held = model.previousGroups?.get(key);
    group = held && held.members.length === members.length && held.members.every((m, i) => m === members[i]) ? held : siblingGroup(index, ids, members);
    model.groups.set(key, group);
  }
  const at = group.at ? (group.at.get(summary) ?? -1) : group.members.indexOf(summary);
  return at === -1 ? NO_SIBLINGS : { sibling: group.positions[at]!, difference: group.differences[at]! };
}

const NO_SIBLINGS = { sibling: null, difference: null };

function siblingGroup(index: TreeIndex, ids: readonly string[], members: (NodeSummary | undefined)[]): SiblingGroup {
  const positions = ids.map((_, i) => ({ position: i + 1, count: ids.length, previous: ids[i - 1] ?? null, next: ids[i + 1] ?? null }));
  const differences = ids.map((id) => {
    const difference = siblingDifference(index, id);
    return difference ? differenceText(difference) : null;
  });
  return { members, positions, differences, at: members.length > 16 ? new Map(members.map((m, i) => [m, i])) : null };
}
