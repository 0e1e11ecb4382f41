import type { NodeSummary } from "@/lib/contracts/nodes";
import { layoutLater, type LayoutDirection } from "@/lib/tree/layout";
import type { TreeIndex } from "@/lib/tree/tree-index";
import { layoutOptions } from "./flow";
import { buildModel, foldedAway, sameShapeAs, shownOf, type GraphModel } from "./graph-model";

/** Above this many nodes, a new layout is worked out over several tasks (`layoutLater`) rather than in the render. */
const LAYOUT_LATER_FROM = 2_000;

/** Models built one after the other, each from the last, so unchanged cards keep their identity between renders. */
export type GraphBuilder = {
  /**
   * The model for these nodes, built at once when it can be: the first, one whose layout stands (only what nodes say
   * changed), or a tree of at most LAYOUT_LATER_FROM nodes. Null for a bigger tree that needs a new layout.
   */
  now(nodes: readonly NodeSummary[], direction: LayoutDirection, collapsed: ReadonlySet<string>, index: TreeIndex): GraphModel | null;
  /**
   * Lay these nodes out over several tasks and hand their model to `done`. A layout under way is finished, not
   * started again, when newer nodes arrive: those are laid out next (at once when its layout holds for them), so a
   * burst of new nodes still moves the view on after every layout.
   */
  later(nodes: readonly NodeSummary[], direction: LayoutDirection, collapsed: ReadonlySet<string>, index: TreeIndex, done: (model: GraphModel) => void): void;
  /** Drop the layout under way and any waiting (the view has gone). */
  stop(): void;
  /** The last model built (what a view shows while a layout is worked out). */
  last(): GraphModel | null;
};

type LaterArgs = { nodes: readonly NodeSummary[]; direction: LayoutDirection; collapsed: ReadonlySet<string>; index: TreeIndex; done: (model: GraphModel) => void };

export function createGraphBuilder(): GraphBuilder {
  let last: GraphModel | null = null;
  let wanted: LaterArgs | null = null;
  let stopLayout: (() => void) | null = null;
  const run = () => {
    const job = wanted!;
    wanted = null;
    const shown = shownOf(job.nodes, foldedAway(job.index, job.collapsed).hidden);
    stopLayout = layoutLater(shown, layoutOptions(job.direction), (points) => {
      stopLayout = null;
      last = buildModel(job.nodes, job.direction, last, job.collapsed, job.index, points);
      let done = job.done;
      if (wanted && sameShapeAs(last, wanted.nodes, wanted.direction, wanted.collapsed)) {
        // What arrived meanwhile only says more about the same nodes: this layout holds for it.
        last = buildModel(wanted.nodes, wanted.direction, last, wanted.collapsed, wanted.index);
        done = wanted.done;
        wanted = null;
      }
      const model = last;
      if (wanted) run();
      done(model);
    });
  };
  return {
    now(nodes, direction, collapsed, index) {
      if (last !== null && nodes.length > LAYOUT_LATER_FROM && !sameShapeAs(last, nodes, direction, collapsed)) return null;
      last = buildModel(nodes, direction, last, collapsed, index);
      return last;
    },
    later(nodes, direction, collapsed, index, done) {
      wanted = { nodes, direction, collapsed, index, done };
      if (stopLayout === null) run();
    },
    stop() {
      stopLayout?.();
      stopLayout = null;
      wanted = null;
    },
    last: () => last,
  };
}
