import "server-only";
import type { NodeDetail, NodeEvent } from "@/lib/contracts/nodes";
import { hear } from "./bus";
import { ReplayableRun, RunRegistry } from "./run";

/**
 * A node whose upstream stream is being consumed. It lives in memory until the node is saved, independent of the
 * HTTP request that started it, so a browser that goes away changes nothing and one that comes back can catch up.
 */
export class NodeRun extends ReplayableRun<NodeEvent, NodeDetail> {
  /** `initial` is the node as first saved, what followers are told if the final save cannot be made. */
  constructor(
    id: string,
    readonly initial: NodeDetail,
  ) {
    super(id);
  }
}

type GlobalWithCancels = typeof globalThis & { __arborHearsCancels?: boolean };

/**
 * The node runs of this process, by node id. A process that runs nodes also hears cancels sent from other
 * instances (a user pressed Stop on a page served by another one) and stops the run it owns.
 */
export function nodeRuns(): RunRegistry<NodeRun> {
  const g = globalThis as GlobalWithCancels;
  if (!g.__arborHearsCancels) {
    g.__arborHearsCancels = true;
    void hear((signal) => {
      if (signal.kind === "cancel") nodeRuns().get(signal.nodeId)?.cancel();
    });
  }
  return RunRegistry.named<NodeRun>("nodes");
}
