import "server-only";
import type { NodeDetail, NodeEvent } from "@/lib/tree/types";

/** Someone following a running node: the browser's SSE response, or a reconnecting client. */
export type RunListener = {
  event: (event: NodeEvent) => void;
  done: (node: NodeDetail) => void;
};

/**
 * A node whose upstream stream is being consumed. It lives in memory until the node is saved, independent of the
 * HTTP request that started it, so a browser that goes away changes nothing and one that comes back can catch up.
 */
export class NodeRun {
  readonly events: NodeEvent[] = [];
  readonly controller = new AbortController();
  cancelRequested = false;
  private finished: NodeDetail | null = null;
  private readonly listeners = new Set<RunListener>();

  /** `initial` is the node as first saved, used if the final save fails so followers are never left waiting. */
  constructor(
    readonly nodeId: string,
    readonly initial: NodeDetail,
  ) {}

  /** Follow the run: buffered events after `after` are replayed first; returns the unsubscribe function. */
  subscribe(listener: RunListener, after = -1): () => void {
    for (const event of this.events) if (event.seq > after) listener.event(event);
    if (this.finished) {
      listener.done(this.finished);
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether the node has been saved with its outcome. */
  get isFinished(): boolean {
    return this.finished !== null;
  }

  publish(event: NodeEvent): void {
    this.events.push(event);
    for (const listener of this.listeners) listener.event(event);
  }

  finish(node: NodeDetail): void {
    this.finished = node;
    for (const listener of this.listeners) listener.done(node);
    this.listeners.clear();
  }

  cancel(): void {
    this.cancelRequested = true;
    this.controller.abort();
  }
}

type GlobalWithRuns = typeof globalThis & { __arborRuns?: Map<string, NodeRun> };

/** The runs of this process, by node id. */
export function runs(): Map<string, NodeRun> {
  const g = globalThis as GlobalWithRuns;
  g.__arborRuns ??= new Map();
  return g.__arborRuns;
}
