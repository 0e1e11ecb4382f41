/** LR: roots on the left, children to the right. TB: roots on top, children below. */
export type LayoutDirection = "LR" | "TB";

/** What the layout needs of a node. */
export type LayoutInput = { id: string; parentId: string | null };

/** Top-left corner of a card, in graph coordinates. */
export type Point = { x: number; y: number };

export type LayoutOptions = {
  direction: LayoutDirection;
  nodeWidth: number;
  nodeHeight: number;
  /** Space between two cards side by side. */
  siblingGap: number;
  /** Space between a parent and its children. */
  levelGap: number;
};

/** Siblings sit one breadth apart; cousins (neighbours with different parents) a quarter more. */
const COUSIN_SEPARATION = 1.25;

/**
 * Tidy-tree positions (top-left corners) for every node: the positions `d3.tree()` gives (Buchheim, Jünger and
 * Leipert's linear-time Walker layout, tests/unit/layout.test.ts compares the two), computed over typed arrays.
 * d3's version builds two objects per node and walks them through closures: 20–25 ms for 10,000 nodes, most of a
 * frame budget each time a node is added to an open tree; this one takes a few milliseconds.
 * Several roots hang under one virtual root so they sit side by side; children keep their input order.
 */
export function layoutTree(nodes: readonly LayoutInput[], options: LayoutOptions): Map<string, Point> {
  const { x, y } = layoutPoints(nodes, options);
  const positions = new Map<string, Point>();
  for (let i = 0; i < nodes.length; i++) if (!positions.has(nodes[i]!.id)) positions.set(nodes[i]!.id, { x: x[i]!, y: y[i]! });
  return positions;
}

/** Positions in input order, and each node's parent as the layout placed it (its input position; -1 for a root). */
export type LayoutPoints = { x: Float64Array; y: Float64Array; parent: Int32Array };

/** The same positions as `layoutTree`, as arrays in input order (node i at `x[i]`, `y[i]`): no map, no objects. */
export function layoutPoints(nodes: readonly LayoutInput[], options: LayoutOptions): LayoutPoints {
  const steps = layoutSteps(nodes, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** How many nodes a layout works through between two chances to stop (`layoutSteps`). */
const STEP = 2048;

/**
 * `layoutPoints` as steps: it stops every STEP nodes or so of each pass, so a caller can spread a big layout over
 * several tasks (`layoutLater`) and leave the page free to draw frames in between.
 */
export function* layoutSteps(nodes: readonly LayoutInput[], options: LayoutOptions): Generator<void, LayoutPoints, void> {
  const n = nodes.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  if (n === 0) return { x, y, parent: new Int32Array(0) };

  const { direction, nodeWidth, nodeHeight, siblingGap, levelGap } = options;
  const topDown = direction === "TB";
  const breadth = (topDown ? nodeWidth : nodeHeight) + siblingGap;
  const depthGap = (topDown ? nodeHeight : nodeWidth) + levelGap;

  const forest = yield* buildForest(nodes);
  const { along, depth } = yield* walker(forest);
  const parent = forest.parent.slice(0, n);
  for (let i = 0; i < n; i++) {
    const at = along[i]! * breadth;
    const level = (depth[i]! - 1) * depthGap;
    x[i] = topDown ? at - nodeWidth / 2 : level;
    y[i] = topDown ? level : at - nodeHeight / 2;
    if (parent[i] === n) parent[i] = -1;
  }
  return { x, y, parent };
}

/**
 * The tree as index arrays: node i of the input is index i, the virtual root over every tree is index n. Children
 * are listed in `child` from `first[v]`, `count[v]` of them, in input order.
 */
type Forest = { size: number; parent: Int32Array; first: Int32Array; count: Int32Array; child: Int32Array; rank: Int32Array };

/** One virtual root over every tree in the input; nodes whose parent is missing (or that sit in a cycle) become roots. */
function* buildForest(nodes: readonly LayoutInput[]): Generator<void, Forest, void> {
  const n = nodes.length;
  const root = n;
  const size = n + 1;
  const indexOf = new Map<string, number>();
  // A repeated id is laid out where it first appears; its later copies hang off the root, as leaves.
  const repeated = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (i % STEP === STEP - 1) yield;
    const id = nodes[i]!.id;
    if (indexOf.get(id) === undefined) indexOf.set(id, i);
    else repeated[i] = 1;
  }

  const parent = new Int32Array(size).fill(-1);
  for (let i = 0; i < n; i++) {
    if (i % STEP === STEP - 1) yield;
    const parentId = nodes[i]!.parentId;
    const p = parentId === null || repeated[i] ? undefined : indexOf.get(parentId);
    parent[i] = p === undefined || p === i ? root : p;
  }

  yield* cutCycles(parent, size, root);

  const count = new Int32Array(size);
  for (let i = 0; i < n; i++) count[parent[i]!]!++;
  const first = new Int32Array(size);
  for (let v = 1; v < size; v++) first[v] = first[v - 1]! + count[v - 1]!;
  const child = new Int32Array(n);
  const filled = new Int32Array(size);
  const rank = new Int32Array(size);
  for (let i = 0; i < n; i++) {
    const p = parent[i]!;
    rank[i] = filled[p]!;
    child[first[p]! + filled[p]!++] = i;
  }
  return { size, parent, first, count, child, rank };
}

/**
 * Make every node reach the root by its parents: a walk up that comes back onto itself has met a cycle, cut by making
 * the node it met again (a member of the cycle) a root. Each node is walked once.
 */
function* cutCycles(parent: Int32Array, size: number, root: number): Generator<void, void, void> {
  const state = new Uint8Array(size); // 0 not yet walked, 1 reaches the root, 2 on the current walk
  state[root] = 1;
  const trail: number[] = [];
  for (let i = 0; i < size; i++) {
    if (i % STEP === STEP - 1) yield;
    let v = i;
    trail.length = 0;
    while (state[v] === 0) {
      trail.push(v);
      state[v] = 2;
      v = parent[v]!;
    }
    if (state[v] === 2) parent[v] = root;
    for (const t of trail) state[t] = 1;
  }
}

/**
 * d3-hierarchy's `tree()` (its firstWalk, apportion and secondWalk) on the index arrays, with separation 1 between
 * siblings and COUSIN_SEPARATION otherwise. Answers each node's position along the breadth axis (in breadths) and
 * its depth (the virtual root at 0).
 */
function* walker(forest: Forest): Generator<void, { along: Float64Array; depth: Int32Array }, void> {
  const { size, parent, first, count, child, rank } = forest;
  const root = size - 1;
  const NONE = -1;
  const prelim = new Float64Array(size);
  const mod = new Float64Array(size);
  const change = new Float64Array(size);
  const shiftOf = new Float64Array(size);
  const thread = new Int32Array(size).fill(NONE);
  const ancestorOf = new Int32Array(size);
  for (let v = 0; v < size; v++) ancestorOf[v] = v;
  // The default ancestor each parent carries through its children's walks (d3's `A`).
  const defaultAncestor = new Int32Array(size).fill(NONE);

  const separation = (a: number, b: number) => (parent[a] === parent[b] ? 1 : COUSIN_SEPARATION);
  const nextLeft = (v: number) => (count[v] ? child[first[v]!]! : thread[v]!);
  const nextRight = (v: number) => (count[v] ? child[first[v]! + count[v]! - 1]! : thread[v]!);
  const siblingAt = (v: number, at: number) => child[first[parent[v]!]! + at]!;

  function moveSubtree(wm: number, wp: number, shift: number) {
    const c = shift / (rank[wp]! - rank[wm]!);
    change[wp]! -= c;
    shiftOf[wp]! += shift;
    change[wm]! += c;
    prelim[wp]! += shift;
    mod[wp]! += shift;
  }

  function executeShifts(v: number) {
    let shift = 0;
    let changed = 0;
    for (let k = count[v]! - 1; k >= 0; k--) {
      const w = child[first[v]! + k]!;
      prelim[w]! += shift;
      mod[w]! += shift;
      shift += shiftOf[w]! + (changed += change[w]!);
    }
  }

  function apportion(v: number, w: number, ancestor: number): number {
    if (w === NONE) return ancestor;
    let vip = v;
    let vop = v;
    let vim = w;
    let vom = siblingAt(v, 0);
    let sip = mod[vip]!;
    let sop = mod[vop]!;
    let sim = mod[vim]!;
    let som = mod[vom]!;
    for (;;) {
      vim = nextRight(vim);
      vip = nextLeft(vip);
      if (vim === NONE || vip === NONE) break;
      vom = nextLeft(vom);
      vop = nextRight(vop);
      ancestorOf[vop] = v;
      const shift = prelim[vim]! + sim - prelim[vip]! - sip + separation(vim, vip);
      if (shift > 0) {
        const a = ancestorOf[vim]!;
        moveSubtree(parent[a] === parent[v] ? a : ancestor, v, shift);
        sip += shift;
        sop += shift;
      }
      sim += mod[vim]!;
      sip += mod[vip]!;
      som += mod[vom]!;
      sop += mod[vop]!;
    }
    if (vim !== NONE && nextRight(vop) === NONE) {
      thread[vop] = vim;
      mod[vop]! += sim - sop;
    }
    if (vip !== NONE && nextLeft(vom) === NONE) {
      thread[vom] = vip;
      mod[vom]! += sip - som;
      ancestor = v;
    }
    return ancestor;
  }

  // Post-order, children left to right: the reverse of a pre-order that visits children right to left.
  const order = new Int32Array(size);
  const depth = new Int32Array(size);
  {
    const stack = new Int32Array(size);
    let top = 0;
    let at = 0;
    stack[top++] = root;
    while (top > 0) {
      const v = stack[--top]!;
      order[at++] = v;
      for (let k = 0; k < count[v]!; k++) {
        const c = child[first[v]! + k]!;
        depth[c] = depth[v]! + 1;
        stack[top++] = c;
      }
    }
  }

  for (let k = size - 1; k >= 0; k--) {
    if (k % STEP === 0) yield;
    const v = order[k]!;
    const w = v === root || rank[v] === 0 ? NONE : siblingAt(v, rank[v]! - 1);
    if (count[v]) {
      executeShifts(v);
      const midpoint = (prelim[child[first[v]!]!]! + prelim[child[first[v]! + count[v]! - 1]!]!) / 2;
      if (w !== NONE) {
        prelim[v] = prelim[w]! + separation(v, w);
        mod[v] = prelim[v]! - midpoint;
      } else {
        prelim[v] = midpoint;
      }
    } else if (w !== NONE) {
      prelim[v] = prelim[w]! + separation(v, w);
    }
    if (v !== root) {
      const p = parent[v]!;
      defaultAncestor[p] = apportion(v, w, defaultAncestor[p] === NONE ? siblingAt(v, 0) : defaultAncestor[p]!);
    }
  }

  // Second walk, parents before children: the pre-order above, in order.
  const along = new Float64Array(size);
  const rootMod = -prelim[root]!;
  for (let k = 0; k < size; k++) {
    if (k % STEP === STEP - 1) yield;
    const v = order[k]!;
    const parentMod = v === root ? rootMod : mod[parent[v]!]!;
    along[v] = prelim[v]! + parentMod;
    mod[v]! += parentMod;
  }
  return { along, depth };
}

/** Time a layout works for before it lets the page draw (`layoutLater`). */
const SLICE_MS = 6;

/**
 * Lay out in slices of SLICE_MS, each its own task, and hand the positions to `done`; answers a function that stops
 * it. A 10,000-node tree takes 5–30 ms to lay out (the JIT warms over the first few): in one task that is a dropped
 * frame or two each time a node is added to an open tree.
 */
export function layoutLater(nodes: readonly LayoutInput[], options: LayoutOptions, done: (points: LayoutPoints) => void): () => void {
  const steps = layoutSteps(nodes, options);
  const channel = new MessageChannel();
  let stopped = false;
  channel.port1.onmessage = () => {
    if (stopped) return;
    const until = performance.now() + SLICE_MS;
    for (;;) {
      const step = steps.next();
      if (step.done) {
        channel.port1.close();
        return done(step.value);
      }
      if (performance.now() >= until) return channel.port2.postMessage(null);
    }
  };
  channel.port2.postMessage(null);
  return () => {
    stopped = true;
    channel.port1.close();
  };
}
