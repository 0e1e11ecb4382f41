import "server-only";
import type { NodeEvent } from "@/lib/contracts/nodes";
import type { Db } from "@/lib/server/db/client";
import { appendEvents } from "@/lib/server/db/events";
import { saveWithRetry } from "@/lib/server/db/retry";
import { log } from "@/lib/server/log";
import { announce } from "./bus";

const FLUSH_EVERY_MS = 200;
// Bigger batches cost less to save (one row each); followers elsewhere still hear within FLUSH_EVERY_MS.
const FLUSH_AT_EVENTS = 256;
/**
 * Appends a node's events in batches, in order, off the hot path of forwarding them. A batch that cannot be saved
 * (the database is down) is kept and retried, with everything after it, until it is saved or the run is over.
 */
export class EventWriter {
  private pending: NodeEvent[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private lost = 0;

  constructor(
    private readonly db: Db,
    private readonly node: { id: string; treeId: string },
  ) {}

  add(event: NodeEvent): void {
    this.pending.push(event);
    if (this.pending.length >= FLUSH_AT_EVENTS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_EVERY_MS);
  }

  /** Queue what is pending for saving (after every batch before it). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.chain = this.chain.then(async () => {
      const { id, treeId } = this.node;
      const saved = await saveWithRetry(() => appendEvents(this.db, id, batch), `${batch.length} events of node ${id}`);
      if (!saved.saved) this.lost += batch.length;
      // Followers on other instances read what was saved; they wait for this, not for the run's end.
      else await announce({ kind: "events", nodeId: id, treeId, lastSeq: batch.at(-1)!.seq });
    });
  }

  /**
   * Run a save in order with the batches: after every batch queued before it, before any queued after. A save whose
   * row must be there before the events (a background node's response id) cannot then land after them.
   */
  inOrder(save: () => Promise<unknown>): void {
    this.chain = this.chain.then(async () => {
      await save();
    });
  }

  /** Save everything still pending; resolves once every batch is saved or given up (and says how many were lost). */
  async close(): Promise<void> {
    this.flush();
    await this.chain;
    if (this.lost > 0) log.error({ nodeId: this.node.id, lost: this.lost }, "events could not be saved");
  }
}
