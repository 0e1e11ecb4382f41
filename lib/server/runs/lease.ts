import "server-only";
import { hostname } from "node:os";
import { customAlphabet } from "nanoid";
import { env } from "@/lib/env";
import type { JsonObject } from "@/lib/responses/json";
import { reduceStreamEvents } from "@/lib/responses/reducer";
import type { Db } from "@/lib/server/db/client";
import { listEvents } from "@/lib/server/db/events";
import { claimBackgroundNodes, failExpiredLeases, failNodes, failOrphans, findNode, renewLeases, toDetail, updateNode } from "@/lib/server/db/nodes";
import type { NodeRow } from "@/lib/server/db/schema";
import type { ResponseCreateParamsStreaming } from "@/lib/responses/types";
import { clientFor, getProvider, type Provider } from "@/lib/server/providers/registry";
import { log } from "@/lib/server/log";
import { announce } from "./bus";
import { consumeRun } from "./consume";
import { NodeRun, nodeRuns } from "./node-run";

// Each running node is owned by the instance that runs it: a lease in its row, renewed every few seconds. When an
// instance dies (or loses the database) its leases expire, and any instance settles those nodes, keeping every event
// that reached the database and the partial answer they spell. On PGlite one process owns the database, so every
// unfinished node found at start is settled at once.

const suffix = customAlphabet("0123456789abcdefghijklmnopqrstuvwxyz", 8);
type GlobalWithLease = typeof globalThis & { __arborInstanceId?: string; __arborLeaseKeeper?: () => void };

/** This process's name as a run owner. */
export function instanceId(): string {
  const g = globalThis as GlobalWithLease;
  g.__arborInstanceId ??= `${hostname()}:${process.pid}:${suffix()}`;
  return g.__arborInstanceId;
}

/** How long a lease lasts unless renewed (ARBOR_LEASE_TTL_MS, default 6 s); it is renewed every third of that. */
export function leaseTtlMs(): number {
  return env().ARBOR_LEASE_TTL_MS;
}

/**
 * Keep the partial answer of interrupted nodes (their stored events folded into the Response they had reached), and
 * tell every instance they ended.
 */
export async function keepPartialAnswers(db: Db, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const events = await listEvents(db, id);
    const state = reduceStreamEvents(events.map((e) => e.data as JsonObject & { type: string }));
    const response = state.response ? { ...state.response, output: state.output } : null;
    const row = events.length > 0 && response ? await updateNode(db, id, { response, responseId: state.response?.id ?? null, usage: state.response?.usage ?? null }) : await findNode(db, id);
    if (row) await announce({ kind: "node", nodeId: id, treeId: row.treeId });
  }
}

/**
 * Follow background nodes taken over from an instance that stopped: each becomes a run of this instance, its stored
 * events replayed to followers, the provider's response followed to its end (streamed again where the provider can,
 * else polled).
 */
export async function resumeBackgroundNodes(db: Db, rows: readonly NodeRow[]): Promise<void> {
  for (const row of rows) {
    if (nodeRuns().get(row.id)) continue;
    const events = await listEvents(db, row.id);
    const run = nodeRuns().add(new NodeRun(row.id, toDetail(row)));
    for (const event of events) run.publish(event);
    const state = reduceStreamEvents(events.map((e) => e.data as JsonObject & { type: string }));
    let provider: Provider;
    try {
      provider = getProvider(row.providerId);
    } catch {
      // Its provider is no longer configured here: the node cannot be followed, so it is settled with what arrived.
      nodeRuns().retire(run);
      await keepPartialAnswers(db, await failNodes(db, [row.id]));
      continue;
    }
    log.info({ nodeId: row.id }, "following a background node taken over from another instance");
    void consumeRun(db, run, { provider, client: clientFor(provider), request: row.request as ResponseCreateParamsStreaming, replay: null, resume: { state } }).finally(() => nodeRuns().retire(run));
  }
}

/** Settle what an earlier run of this process left unfinished (PGlite: every unfinished node not running here). */
export async function settleOrphansAtStart(db: Db): Promise<number> {
  // Background responses went on at their provider: follow them; everything else ended with the process.
  await resumeBackgroundNodes(db, await claimBackgroundNodes(db, instanceId(), leaseTtlMs(), true));
  const ids = await failOrphans(db, nodeRuns().running().map((run) => run.id));
  await keepPartialAnswers(db, ids);
  if (ids.length > 0) log.warn({ count: ids.length }, "settled nodes left unfinished by an earlier start");
  return ids.length;
}

/** Settle nodes whose owner's lease expired (background ones are taken over and followed); answers how many ended. */
export async function sweepExpiredLeases(db: Db): Promise<number> {
  await resumeBackgroundNodes(db, await claimBackgroundNodes(db, instanceId(), leaseTtlMs()));
  const ids = await failExpiredLeases(db);
  await keepPartialAnswers(db, ids);
  if (ids.length > 0) log.warn({ count: ids.length, ids }, "settled nodes whose instance stopped renewing its lease");
  return ids.length;
}

/**
 * Renew this instance's leases and sweep expired ones, every third of the lease's life, until the returned stop is
 * called. The timers never keep the process alive on their own.
 */
export function startLeaseKeeper(db: Db, options: { sweep: boolean }): () => void {
  const g = globalThis as GlobalWithLease;
  g.__arborLeaseKeeper?.();
  const ttl = leaseTtlMs();
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await renewLeases(db, instanceId(), nodeRuns().running().map((run) => run.id), ttl);
      if (options.sweep) await sweepExpiredLeases(db);
    } catch (err) {
      log.warn({ err }, "could not renew or sweep run leases (retrying)");
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), Math.max(100, Math.floor(ttl / 3)));
  timer.unref();
  g.__arborLeaseKeeper = () => clearInterval(timer);
  return g.__arborLeaseKeeper;
}
