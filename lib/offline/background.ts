import type { Db } from "@/lib/server/db/client";
import { updateOfflineResponse } from "@/lib/server/db/offline-responses";
import type { ResponseObject } from "@/lib/responses/schemas";
import type { ModelContext } from "./context";
import { OfflineApiError } from "./errors";
import { injectedFailedResponse, type DeliveryOptions } from "./faults";
import type { OutputItem } from "./items";
import { runModelTurn } from "./models";
import { planResponse } from "./plan";
import { finishedResponse, nowSeconds } from "./response";
import { backgroundEvents, encodeSseEvent, eventPacer, failureEvents, isTerminalEvent, sleep, SSE_DONE, sseStreamResponse, type StreamEvent } from "./stream";

/** A background response being generated in this process: its events so far, and how to stop or await it. */
export type BackgroundRun = {
  id: string;
  /** Every event emitted so far, numbered from 0 (what a streaming client is sent). */
  events: StreamEvent[];
  done: boolean;
  /** Settles once the final state is stored, whatever it is (completed, incomplete, failed or cancelled). */
  finished: Promise<void>;
  controller: AbortController;
  /** Called whenever an event is emitted or the run ends. */
  listeners: Set<() => void>;
};

/** What a background run needs: the stored row to update, the queued Response, the model's context and the pace. */
export type BackgroundJob = {
  db: Db;
  queued: ResponseObject;
  context: ModelContext;
  maxOutputTokens: number | null;
  delivery: DeliveryOptions;
};

// Running responses, and the most recent finished ones (so a client that lost its stream can still resume it).
// Kept on globalThis so a dev-server module reload does not lose track of them.
type Registry = { live: Map<string, BackgroundRun>; finished: Map<string, BackgroundRun> };
type GlobalWithRuns = typeof globalThis & { __arborOfflineBackgroundRuns?: Registry };
const FINISHED_RUNS_KEPT = 100;

function registry(): Registry {
  const g = globalThis as GlobalWithRuns;
  g.__arborOfflineBackgroundRuns ??= { live: new Map(), finished: new Map() };
  return g.__arborOfflineBackgroundRuns;
}

function runs(): Map<string, BackgroundRun> {
  return registry().live;
}

function retire(run: BackgroundRun): void {
  const { live, finished } = registry();
  live.delete(run.id);
  finished.set(run.id, run);
  for (const id of finished.keys()) {
    if (finished.size <= FINISHED_RUNS_KEPT) break;
    finished.delete(id);
  }
}

/** The run generating this response in this process, if any. */
export function backgroundRun(id: string): BackgroundRun | undefined {
  return runs().get(id);
}

/** A run whose events can still be streamed: running, or among the last finished ones of this process. */
export function replayableRun(id: string): BackgroundRun | undefined {
  return runs().get(id) ?? registry().finished.get(id);
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
  const run: BackgroundRun = {
    id: job.queued.id,
    events: [],
    done: false,
    finished: Promise.resolve(),
    controller: new AbortController(),
    listeners: new Set(),
  };
  runs().set(run.id, run);
  run.finished = generate(job, run).finally(() => {
    run.done = true;
    retire(run);
    notify(run);
  });
  return run;
}

/** Stop a running background response; resolves once its cancelled state is stored. */
export async function cancelBackgroundRun(id: string): Promise<void> {
  const run = runs().get(id);
  if (!run) return;
  run.controller.abort();
  await run.finished;
}

/** Wait until the run emits another event or ends (or `signal` aborts). */
function nextRunChange(run: BackgroundRun, signal: AbortSignal): Promise<void> {
  if (run.done || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      run.listeners.delete(done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    run.listeners.add(done);
    signal.addEventListener("abort", done, { once: true });
  });
}

const ORPHAN_MESSAGE = "The offline engine restarted before this background response finished.";

/**
 * A stored background response left queued or in progress by an earlier process can never finish: mark it failed
 * (and store that), so clients polling it stop waiting.
 */
export async function settleOrphanedBackground(db: Db, response: Record<string, unknown>): Promise<Record<string, unknown>> {
  const unfinished = response.status === "queued" || response.status === "in_progress";
  const id = String(response.id);
  if (response.background !== true || !unfinished || runs().has(id)) return response;
  const failed = finishedResponse(
    { ...(response as ResponseObject), status: "in_progress" },
    { status: "failed", output: (response as ResponseObject).output, usage: null, error: { code: "server_error", message: ORPHAN_MESSAGE }, completedAt: nowSeconds() },
  );
  await updateOfflineResponse(db, id, failed);
  return failed;
}

async function generate(job: BackgroundJob, run: BackgroundRun): Promise<void> {
  const { db, queued, delivery } = job;
  const signal = run.controller.signal;
  const inProgress: ResponseObject = { ...queued, status: "in_progress" };
  const output: OutputItem[] = [];
  const emit = (event: StreamEvent) => {
    run.events.push(event);
    notify(run);
  };
  try {
    // Yield first, so the create call answers `queued` before any work starts.
    await sleep(1, signal);
    if (signal.aborted) return await storeCancelled(db, inProgress, output);
    const plan = planResponse(await runModelTurn(queued.model, job.context), job.context, inProgress, job.maxOutputTokens);
    const planned = backgroundEvents(plan, queued);
    const events =
      delivery.failAfterEvents === null ? planned : failureEvents(planned, delivery.failAfterEvents, injectedFailedResponse(inProgress));
    const delay = eventPacer(delivery);
    for (const event of events) {
      await sleep(delay(event), signal);
      if (signal.aborted) return await storeCancelled(db, inProgress, output);
      await record(db, event, inProgress, output);
      emit(event);
    }
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
    emit({ type: "error", code: error.code, message: error.message, param: null, sequence_number: run.events.length });
    emit({ type: "response.failed", response: failed, sequence_number: run.events.length });
  }
}

// The stored row follows the run: in_progress when it starts, each finished output item, the final Response.
async function record(db: Db, event: StreamEvent, inProgress: ResponseObject, output: OutputItem[]): Promise<void> {
  if (event.type === "response.in_progress") {
    await updateOfflineResponse(db, inProgress.id, inProgress);
  } else if (event.type === "response.output_item.done") {
    output.push(event.item as OutputItem);
    await updateOfflineResponse(db, inProgress.id, { ...inProgress, output: [...output] });
  } else if (event.type === "response.completed" || event.type === "response.incomplete" || event.type === "response.failed") {
    await updateOfflineResponse(db, inProgress.id, event.response as ResponseObject);
  }
}

// A cancelled response keeps the output items it finished; an item cut mid-way is dropped.
async function storeCancelled(db: Db, inProgress: ResponseObject, output: OutputItem[]): Promise<void> {
  await updateOfflineResponse(db, inProgress.id, { ...inProgress, status: "cancelled", output: [...output] });
}

/**
 * Stream a background run as SSE: every event so far, then each new one as it comes. The run does not depend on the
 * client: when it goes away (or an injected cut closes the stream), generation goes on and stays retrievable.
 */
export function backgroundSseResponse(
  run: BackgroundRun,
  delivery: { cutAfterEvents: number | null; signal: AbortSignal; startingAfter?: number },
): Response {
  return sseStreamResponse(delivery.signal, async (write, stop) => {
    let sent = delivery.startingAfter === undefined ? 0 : delivery.startingAfter + 1;
    let cut = false;
    while (!stop.aborted) {
      const event = run.events[sent];
      if (event) {
        if (delivery.cutAfterEvents !== null && sent >= delivery.cutAfterEvents) {
          cut = true;
          break;
        }
        write(encodeSseEvent(event));
        sent += 1;
        continue;
      }
      if (run.done) break;
      await nextRunChange(run, stop);
    }
    // A cancelled run has no terminal event, so its stream ends without `[DONE]`.
    const last = run.events.at(-1);
    if (!cut && !stop.aborted && last && isTerminalEvent(last)) write(SSE_DONE);
  });
}

function notify(run: BackgroundRun): void {
  for (const listener of [...run.listeners]) listener();
}
