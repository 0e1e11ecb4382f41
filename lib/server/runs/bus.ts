import "server-only";
import { sql } from "drizzle-orm";
import { getDatabase, type Database } from "@/lib/server/db/client";
import { log } from "@/lib/server/log";

// What one instance tells every instance (itself included) about runs: PostgreSQL's NOTIFY on PostgreSQL (several
// instances share it); on PGlite (one process, no other instance) the listeners of this process, told directly. A signal is a wake-up, not the data: whoever hears it reads
// the database, so a signal lost during a reconnect costs a delay, never an event.

const CHANNEL = "arbor_runs";

/** A change of a run that other instances (and this one's followers) may be waiting for. */
export type RunSignal =
  /** The node's events up to `lastSeq` are saved. */
  | { kind: "events"; nodeId: string; treeId: string; lastSeq: number }
  /** A node was created, changed or settled (its row says how). */
  | { kind: "node"; nodeId: string; treeId: string }
  /** Nodes were deleted. */
  | { kind: "deleted"; nodeIds: string[]; treeId: string }
  /** Someone asked for the node to stop: its owner cancels it. */
  | { kind: "cancel"; nodeId: string };

type Listener = (signal: RunSignal) => void;
type Bus = {
  listeners: Set<Listener>;
  reconnected: Set<() => void>;
  /** The database listened on, and how to stop (tests switch databases within one process). */
  on: Database | null;
  stop: Promise<() => Promise<void>> | null;
};
type GlobalWithBus = typeof globalThis & { __arborRunBus?: Bus };

function bus(): Bus {
  const g = globalThis as GlobalWithBus;
  g.__arborRunBus ??= { listeners: new Set(), reconnected: new Set(), on: null, stop: null };
  return g.__arborRunBus;
}

// Starts listening on first use (once per process and database).
function listening(database: Database): Promise<() => Promise<void>> {
  const b = bus();
  if (b.on !== database && b.stop) {
    const previous = b.stop;
    b.stop = null;
    void previous.then((stop) => stop()).then(undefined, (err: unknown) => log.warn({ err }, "could not stop listening on the previous database"));
  }
  b.on = database;
  b.stop ??= database.listen(
    CHANNEL,
    (payload) => {
      let signal: RunSignal;
      try {
        signal = JSON.parse(payload) as RunSignal;
      } catch {
        return; // not one of ours
      }
      for (const listener of b.listeners) listener(signal);
    },
    () => {
      for (const listener of b.reconnected) listener();
    },
  );
  const started = b.stop;
  started.then(undefined, () => {
    if (b.stop === started) b.stop = null; // the next subscriber tries again
  });
  return started;
}

/** Tell every instance about a run's change. A failure is logged, never thrown: the database stays the truth. */
export async function announce(signal: RunSignal): Promise<void> {
  try {
    const database = await getDatabase();
    if (database.kind === "pglite") {
      // PGlite lives in this one process: its listeners are this process's, told directly (after this turn, as a
      // notification would be) instead of through a statement on the database every stream is saving to.
      const b = bus();
      if (b.on === database) {
        setImmediate(() => {
          for (const listener of b.listeners) listener(signal);
        });
      }
      return;
    }
    await database.db.execute(sql`select pg_notify(${CHANNEL}, ${JSON.stringify(signal)})`);
  } catch (err) {
    log.warn({ err, kind: signal.kind }, "could not announce a run change");
  }
}

/**
 * Hear every run change announced by any instance; `onMissed` runs when some may have been lost (the connection
 * was re-made), so the listener can read the database again. Resolves once listening; returns the unsubscribe.
 */
export async function hear(listener: Listener, onMissed?: () => void): Promise<() => void> {
  const b = bus();
  b.listeners.add(listener);
  if (onMissed) b.reconnected.add(onMissed);
  try {
    await listening(await getDatabase());
  } catch (err) {
    log.warn({ err }, "could not listen for run changes; followers fall back to reading the database");
  }
  return () => {
    b.listeners.delete(listener);
    if (onMissed) b.reconnected.delete(onMissed);
  };
}

/** Stop listening (tests, shutdown). */
export async function closeBus(): Promise<void> {
  const b = bus();
  const stop = b.stop;
  b.stop = null;
  b.on = null;
  if (stop) await (await stop)();
}
