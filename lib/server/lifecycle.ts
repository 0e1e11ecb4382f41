import "server-only";
import { env } from "@/lib/env";
import { getDb } from "@/lib/server/db/client";
import { releaseLeases } from "@/lib/server/db/nodes";
import { log } from "@/lib/server/log";
import { closeBus } from "@/lib/server/runs/bus";
import { instanceId } from "@/lib/server/runs/lease";
import { nodeRuns } from "@/lib/server/runs/node-run";

// The life of this instance: starting, serving, draining. A load balancer reads it through /api/ready.

type Lifecycle = { started: boolean; draining: boolean };
type GlobalWithLifecycle = typeof globalThis & { __arborLifecycle?: Lifecycle };

function state(): Lifecycle {
  const g = globalThis as GlobalWithLifecycle;
  g.__arborLifecycle ??= { started: false, draining: false };
  return g.__arborLifecycle;
}

/** Start-up is done: the database is open and migrated, and leftovers are settled. */
export function markStarted(): void {
  state().started = true;
}

/** Whether this instance has finished starting and is not shutting down. */
export function isServing(): boolean {
  return state().started && !state().draining;
}

/** Whether this instance is shutting down (it takes no new runs). */
export function isDraining(): boolean {
  return state().draining;
}

/**
 * On SIGTERM or SIGINT: take no new runs, let the running ones finish for up to ARBOR_SHUTDOWN_GRACE_S, then hand
 * the rest back (their leases released, so another instance settles or resumes them at once) and exit. Next's own
 * handler is off (NEXT_MANUAL_SIG_HANDLE, set by Arbor's launchers); without it this still runs, best effort.
 */
export function installGracefulShutdown(): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void drain(signal));
}

async function drain(signal: "SIGTERM" | "SIGINT"): Promise<void> {
  state().draining = true;
  const graceMs = env().ARBOR_SHUTDOWN_GRACE_S * 1000;
  const running = nodeRuns().running();
  log.info({ signal, running: running.length, graceSeconds: graceMs / 1000 }, "shutting down: letting running nodes finish");
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(running.map((run) => run.finished())), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
  clearTimeout(timer);
  const left = nodeRuns().running().map((run) => run.id);
  if (left.length > 0) {
    try {
      await releaseLeases(await getDb(), instanceId(), left);
      log.warn({ nodes: left.length }, "handed back the nodes still running: their leases are released");
    } catch (err) {
      log.error({ err }, "could not release the leases of the nodes still running; they expire on their own");
    }
  }
  await closeBus();
  process.exit(signal === "SIGINT" ? 130 : 143);
}
