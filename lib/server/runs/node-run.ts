import "server-only";
import type { NodeDetail, NodeEvent } from "@/lib/contracts/nodes";
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

/** The node runs of this process, by node id. */
export function nodeRuns(): RunRegistry<NodeRun> {
  return RunRegistry.named<NodeRun>("nodes");
}
