import type { JsonObject } from "@/lib/responses/json";
import type { ResponseObject } from "@/lib/responses/schemas";
import type { Db } from "@/lib/server/db/client";
import { env } from "@/lib/env";
import { claimOrphanedBackground, renewBackgroundLease, updateOfflineResponse } from "@/lib/server/db/offline-responses";
import type { OfflineResponseRow } from "@/lib/server/db/schema";
import { ReplayableRun, RunRegistry } from "@/lib/server/runs/run";
import { OfflineApiError } from "../core/errors";
import type { Item } from "../core/types";
import { backgroundEvents, encodeSseEvent, errorEvent, failureEvents, isTerminalEvent, SSE_DONE, type StreamEvent, type StreamPlan } from "./events";
import { injectedFailedResponse, type DeliveryOptions } from "./faults";
import { finishedResponse, nowSeconds } from "./response";
import { eventPacer, sleep, sseStreamResponse } from "./sse";

/**
 * A background response being generated in this process: its events so far (an event's place is its sequence number),
 * ending with the Response as stored last (completed, incomplete, failed or cancelled).
 */
export type BackgroundRun = ReplayableRun<StreamEvent, ResponseObject>;

/** What a background run needs: the stored row to update, the queued Response, how to plan the answer, the pace. */
export type BackgroundJob = {
  db: Db;
  queued: ResponseObject;
  /** The model's answer, planned from the Response as it stands when generation starts. */
  plan: (inProgress: ResponseObject) => Promise<StreamPlan>;
  delivery: DeliveryOptions;
};

// The last finished runs stay replayable, so a client that lost its stream can still resume it.
const FINISHED_RUNS_KEPT = 100;

function runs(): RunRegistry<BackgroundRun> {
  return RunRegistry.named<BackgroundRun>("offline-background", FINISHED_RUNS_KEPT);
}

/** The run generating this response in this process, if any. */
export function backgroundRun(id: string): BackgroundRun | undefined {
  return runs().get(id);
}

/** A run whose events can still be streamed: running, or among the last finished ones of this process. */
export function replayableRun(id: string): BackgroundRun | undefined {
  return runs().replayable(id);
}

/** 400 for `background: true` with `store: false`: a background response only exists to be retrieved later. */
export function backgroundNeedsStore(): OfflineApiError {
  return new OfflineApiError(400, "Background responses must be stored: `background: true` requires `store: true`.", {
    param: "background",
    code: "invalid_value",
  });
}

/** Start generating a stored, queued response off the request: the caller answers at once, the run updates the row. */
export function startBackgroundRun(job: BackgroundJob): BackgroundRun {
  const run = runs().add(new ReplayableRun<StreamEvent, ResponseObject>(job.queued.id));
  // While it runs, the row says this engine is alive, so no other instance takes it over as an orphan.
  const ttl = env().ARBOR_LEASE_TTL_MS;
  const renew = () => void renewBackgroundLease(job.db, run.id, ttl).then(undefined, (err: unknown) => console.error("[offline] could not renew a background lease", err));
  renew();
  const heartbeat = setInterval(renew, Math.max(100, Math.floor(ttl / 3)));
  heartbeat.unref();
  void generate(job, run)
    .catch((err: unknown): ResponseObject => {
      console.error("[offline] background run ended unexpectedly", err);
      return { ...job.queued, status: "failed" };
    })
    .then(async (final) => {
      clearInterval(heartbeat);
      await renewBackgroundLease(job.db, run.id, null).then(undefined, () => undefined); // it ended: nothing to take over
      runs().retire(run);
      run.finish(final);
    });
  return run;
}

/** Stop a running background response; resolves once its cancelled state is stored. */
export async function cancelBackgroundRun(id: string): Promise<void> {
  const run = runs().get(id);
  if (!run) return;
  run.cancel();
  await run.finished();
}

const ORPHAN_MESSAGE = "The offline engine restarted before this background response finished.";

/**
 * A stored background response left queued or in progress by an engine that stopped (its lease expired) cannot go on
 * where it was: `resume` generates it again from its stored request (the caller claimed it), and a response stored
 * without one (by an older version) is marked failed, so clients polling it stop waiting.
 */
export async function settleOrphanedBackground(
  db: Db,
  response: JsonObject,
  resume: (row: OfflineResponseRow) => Promise<ResponseObject | null>,
): Promise<JsonObject> {
  const unfinished = response.status === "queued" || response.status === "in_progress";
  const id = String(response.id);
  if (response.background !== true || !unfinished || runs().get(id)) return response;
  const claimed = await claimOrphanedBackground(db, id, env().ARBOR_LEASE_TTL_MS);
  if (!claimed) return response; // another instance's engine is generating it, or took it over first
  const resumed = claimed.request ? await resume(claimed) : null;
  if (resumed) return resumed;
  const stored = response as ResponseObject;
  const error = { code: "server_error", message: ORPHAN_MESSAGE };
  const failed = finishedResponse({ ...stored, status: "in_progress" }, { status: "failed", output: stored.output, usage: null, error, completedAt: nowSeconds() });
  await updateOfflineResponse(db, id, failed);
  await renewBackgroundLease(db, id, null);
  return failed;
}

// Generates the events and keeps the stored row in step; resolves with the Response as last stored, whatever happened.
async function generate(job: BackgroundJob, run: BackgroundRun): Promise<ResponseObject> {
  const { db, queued, delivery } = job;
  const signal = run.controller.signal;
  const inProgress: ResponseObject = { ...queued, status: "in_progress" };
  const output: Item[] = [];
  try {
    // Yield first, so the create call answers `queued` before any work starts.
    await sleep(1, signal);
    if (signal.aborted) return await storeCancelled(db, inProgress, output);
    const planned = backgroundEvents(await job.plan(inProgress), queued);
    const events =
      delivery.failAfterEvents === null ? planned : failureEvents(planned, delivery.failAfterEvents, injectedFailedResponse(inProgress));
    const delay = eventPacer(delivery);
    let stored = queued;
    for (const event of events) {
      await sleep(delay(event), signal);
      if (signal.aborted) return await storeCancelled(db, inProgress, output);
      stored = (await record(db, event, inProgress, output)) ?? stored;
      run.publish(event);
    }
    return stored;
  } catch (err) {
    console.error("[offline] background response failed", err);
    const error = { code: "server_error", message: "The offline engine failed while generating this background response." };
    const failed = finishedResponse(inProgress, { status: "failed", output, usage: null, error, completedAt: nowSeconds() });
    // Nobody awaits a background run but a cancel, so a failure to store the failure is logged, never thrown.
    try {
      await updateOfflineResponse(db, run.id, failed);
    } catch (storeErr) {
      console.error("[offline] could not store the failed background response", storeErr);
    }
    // A client streaming the run learns how it ended, as with an injected failure.
    run.publish({ ...errorEvent(error), sequence_number: run.events.length });
    run.publish({ type: "response.failed", response: failed, sequence_number: run.events.length });
    return failed;
  }
}

// The stored row follows the run: in_progress when it starts, each finished output item, the final Response.
async function record(db: Db, event: StreamEvent, inProgress: ResponseObject, output: Item[]): Promise<ResponseObject | null> {
  let stored: ResponseObject | null = null;
  if (event.type === "response.in_progress") stored = inProgress;
  else if (event.type === "response.output_item.done") {
    output.push(event.item as Item);
    stored = { ...inProgress, output: [...output] };
  } else if (isTerminalEvent(event)) stored = event.response as ResponseObject;
  if (stored) await updateOfflineResponse(db, inProgress.id, stored);
  return stored;
}

// A cancelled response keeps the output items it finished; an item cut mid-way is dropped.
async function storeCancelled(db: Db, inProgress: ResponseObject, output: Item[]): Promise<ResponseObject> {
  const cancelled: ResponseObject = { ...inProgress, status: "cancelled", output: [...output] };
  await updateOfflineResponse(db, inProgress.id, cancelled);
  return cancelled;
}

/**
 * Stream a background run as SSE: every event after `startingAfter` (all by default), then each new one as it comes.
 * The run does not depend on the client: when it goes away (or an injected cut closes the stream), generation goes on
 * and stays retrievable.
 */
export function backgroundSseResponse(
  run: BackgroundRun,
  delivery: { cutAfterEvents: number | null; signal: AbortSignal; startingAfter?: number },
): Response {
  return sseStreamResponse(
    delivery.signal,
    (write, stop) =>
      new Promise<void>((resolve) => {
        let ended = false;
        let unsubscribe = () => {};
        const end = (finished: boolean) => {
          if (ended) return;
          ended = true;
          unsubscribe();
          stop.removeEventListener("abort", onStop);
          // A cancelled run has no terminal event, so its stream ends without `[DONE]`.
          const last = run.events.at(-1);
          if (finished && last && isTerminalEvent(last)) write(SSE_DONE);
          resolve();
        };
        const onStop = () => end(false);
        stop.addEventListener("abort", onStop, { once: true });
        unsubscribe = run.subscribe(
          {
            event: (event) => {
              if (ended) return;
              if (delivery.cutAfterEvents !== null && event.sequence_number >= delivery.cutAfterEvents) return end(false);
              write(encodeSseEvent(event));
            },
            done: () => end(true),
          },
          delivery.startingAfter,
        );
        // The replay inside `subscribe` may already have ended the stream, before `unsubscribe` was known.
        if (ended) unsubscribe();
        if (stop.aborted) end(false);
      }),
  );
}
