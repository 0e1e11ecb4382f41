import "server-only";

// A client may send its next call the moment it has read the last byte of the previous answer, before that answer
// is saved. Placing the next call (its parent is found by the previous response id, or by the saved branches) waits
// for the earlier recordings of this process that could be its parent to be saved first. This wait is off the
// forwarding path: the next call is already on its way upstream and its answer already streaming to the client.

type Recording = { seq: number; treeId: string | null; saved: Promise<unknown> };
type Registry = { next: number; live: Map<number, Recording> };
type GlobalWithRecordings = typeof globalThis & { __arborProxyRecordings?: Registry };

/** How long placing a call waits for earlier recordings at most (a stuck one must not hold the next forever). */
const WAIT_MS = 30_000;

function registry(): Registry {
  const g = globalThis as GlobalWithRecordings;
  g.__arborProxyRecordings ??= { next: 0, live: new Map() };
  return g.__arborProxyRecordings;
}

/** A recording of this process, from the moment its call arrives until it is saved. */
export type TrackedRecording = {
  readonly seq: number;
  /** Its tree is known (placing it is done). */
  placedIn: (treeId: string) => void;
  /** It is saved (or given up) when this settles. */
  until: (saved: Promise<unknown>) => void;
};

/** Start tracking a recording (before it is placed: later calls wait for it whatever tree it lands in). */
export function trackRecording(): TrackedRecording {
  const r = registry();
  const recording: Recording = { seq: r.next++, treeId: null, saved: Promise.resolve() };
  r.live.set(recording.seq, recording);
  return {
    seq: recording.seq,
    placedIn: (treeId) => void (recording.treeId = treeId),
    until: (saved) => {
      recording.saved = saved;
      void saved.finally(() => r.live.delete(recording.seq));
    },
  };
}

/**
 * Wait until the recordings that arrived before `before` are saved, within a bound: those of `treeId` and those not
 * yet placed (all of them without a tree).
 */
export async function recordingsSaved(before: number, treeId?: string): Promise<void> {
  const pending = [...registry().live.values()]
    .filter((r) => r.seq < before && (treeId === undefined || r.treeId === null || r.treeId === treeId))
    .map((r) => r.saved);
  if (pending.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled(pending), new Promise((resolve) => (timer = setTimeout(resolve, WAIT_MS)))]);
  clearTimeout(timer);
}

/** Whether a recording that arrived before `before` is still in flight here. */
export function recordingsInFlight(before: number): boolean {
  return [...registry().live.values()].some((r) => r.seq < before);
}
