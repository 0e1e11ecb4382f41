import "server-only";

/** Someone following a run: every event from the point they asked for, then how it ended. */
export type RunListener<E, R> = {
  event: (event: E) => void;
  done: (result: R) => void;
};

/**
 * Work that streams events and ends with a result, held in memory while it runs: every event is kept, so a follower
 * who joins late, or comes back after event N, is replayed what it missed. Nothing about it depends on who follows.
 * An event's place in `events` is its sequence number.
 */
export class ReplayableRun<E, R> {
  readonly events: E[] = [];
  readonly controller = new AbortController();
  cancelRequested = false;
  private outcome: { result: R } | null = null;
  private readonly listeners = new Set<RunListener<E, R>>();

  constructor(readonly id: string) {}

  /** Follow the run: the events after sequence number `after` first, then each new one; returns the unsubscribe. */
  subscribe(listener: RunListener<E, R>, after = -1): () => void {
    for (let seq = Math.max(0, after + 1); seq < this.events.length; seq++) listener.event(this.events[seq]!);
    if (this.outcome) {
      listener.done(this.outcome.result);
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether the run has ended (its result is known). */
  get isFinished(): boolean {
    return this.outcome !== null;
  }

  /** How the run ended, once it has. */
  get result(): R | undefined {
    return this.outcome?.result;
  }

  publish(event: E): void {
    this.events.push(event);
    for (const listener of this.listeners) listener.event(event);
  }

  /** End the run; only the first call counts, so every follower hears one end. */
  finish(result: R): void {
    if (this.outcome) return;
    this.outcome = { result };
    for (const listener of this.listeners) listener.done(result);
    this.listeners.clear();
  }

  /** Ask the producer to stop: its signal (`controller.signal`) aborts. */
  cancel(): void {
    this.cancelRequested = true;
    this.controller.abort();
  }

  /** Resolves with the result once the run has ended. */
  finished(): Promise<R> {
    return new Promise((resolve) => {
      this.subscribe({ event: () => undefined, done: resolve });
    });
  }
}

type GlobalWithRegistries = typeof globalThis & { __arborRunRegistries?: Map<string, unknown> };

/**
 * The runs of this process by id, and the last `keepFinished` that ended (so a client that lost its stream can still
 * replay it). Kept on globalThis, so a dev server's module reload does not lose track of runs in flight.
 */
export class RunRegistry<T extends { readonly id: string }> {
  private readonly live = new Map<string, T>();
  private readonly ended = new Map<string, T>();

  private constructor(private readonly keepFinished: number) {}

  /** The registry named `name` in this process (created on first use). */
  static named<T extends { readonly id: string }>(name: string, keepFinished = 0): RunRegistry<T> {
    const g = globalThis as GlobalWithRegistries;
    g.__arborRunRegistries ??= new Map();
    let registry = g.__arborRunRegistries.get(name) as RunRegistry<T> | undefined;
    if (!registry) {
      registry = new RunRegistry<T>(keepFinished);
      g.__arborRunRegistries.set(name, registry);
    }
    return registry;
  }

  /** Track a run until `retire` is called for it. */
  add(run: T): T {
    this.live.set(run.id, run);
    return run;
  }

  /** The run with this id while it runs here. */
  get(id: string): T | undefined {
    return this.live.get(id);
  }

  /** A run whose events can still be replayed: running, or among the last ones that ended here. */
  replayable(id: string): T | undefined {
    return this.live.get(id) ?? this.ended.get(id);
  }

  /** Every run in flight here. */
  running(): T[] {
    return [...this.live.values()];
  }

  /** The run has ended: forget it, or keep it among the last `keepFinished` for replay. */
  retire(run: T): void {
    this.live.delete(run.id);
    if (this.keepFinished === 0) return;
    this.ended.set(run.id, run);
    for (const id of this.ended.keys()) {
      if (this.ended.size <= this.keepFinished) break;
      this.ended.delete(id);
    }
  }
}
