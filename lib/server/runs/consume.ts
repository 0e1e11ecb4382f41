import "server-only";
import type { NodeError, NodeEvent, NodeStatus } from "@/lib/contracts/nodes";
import type { JsonObject } from "@/lib/responses/json";
import { initialStreamState, reduceStreamEvents, type StreamState } from "@/lib/responses/reducer";
import type OpenAI from "openai";
import type { Response, ResponseCreateParamsStreaming, ResponseStreamEvent } from "@/lib/responses/types";
import type { Db } from "@/lib/server/db/client";
import { toDetail, updateNode, type NodePatch } from "@/lib/server/db/nodes";
import { touchTree } from "@/lib/server/db/trees";
import { isPreviousResponseNotFound, toNodeError } from "@/lib/server/providers/errors";
import type { Provider } from "@/lib/server/providers/registry";
import { scrubDeep } from "@/lib/server/secrets";
import { costUsd, priceFor } from "@/lib/tree/cost";
import { tokenCounts } from "@/lib/tree/usage";
import { saveWithRetry } from "@/lib/server/db/retry";
import { announce } from "./bus";
import { log } from "@/lib/server/log";
import { metrics } from "@/lib/server/metrics";
import { EventWriter } from "./event-writer";
import { providerEvents } from "./provider-events";
import type { NodeRun } from "./node-run";

/** What a run sends where: the provider and its client, the request, and how to replay it if the chain is gone. */
export type RunCall = {
  provider: Provider;
  client: OpenAI;
  request: ResponseCreateParamsStreaming;
  /** The same call replaying the branch, for when the provider no longer has the previous response (once). */
  replay: (() => Promise<ResponseCreateParamsStreaming>) | null;
  /** Sent with the call but not saved with the request. */
  upstreamHeaders?: Record<string, string>;
  /**
   * A background node taken over from an instance that stopped: its stored events folded so far. The call is not
   * made again; the run follows the provider's stored response (its stream after the last event, else by polling).
   */
  resume?: { state: StreamState };
  /**
   * A stream already under way (the recording proxy's copy of what it forwards to a client): folded, published and
   * saved like any other, with no call made. `startedAt` (performance.now()) is when its request was sent.
   */
  events?: AsyncIterable<ResponseStreamEvent>;
  startedAt?: number;
  /** When each of `events` arrived (performance.now()), where it was read later than that. */
  arrivedAt?: (event: ResponseStreamEvent) => number | undefined;
};

/** The response id an event carries (response.created and the like), if it carries one. */
function responseIdOf(event: ResponseStreamEvent): string | undefined {
  const response = (event as { response?: unknown }).response;
  return typeof response === "object" && response !== null && typeof (response as { id?: unknown }).id === "string" ? (response as { id: string }).id : undefined;
}

/** A stream of single events as batches of one (forward takes batches; see providerEvents). */
async function* oneByOne<T>(events: AsyncIterable<T>): AsyncGenerator<T[]> {
  for await (const event of events) yield [event];
}

/** How often a background response is retrieved while it runs and its stream cannot be followed. */
const BACKGROUND_POLL_MS = 1_000;

// Events whose text an upstream writes itself (errors, failures): scrubbed of keys before they are kept or forwarded.
const FREE_TEXT_EVENTS = new Set(["error", "response.failed", "response.incomplete", "response.completed"]);

/** Consume the provider's stream for a node, fold and forward every event, save the outcome. Never throws. */
export async function consumeRun(db: Db, run: NodeRun, call: RunCall): Promise<void> {
  const { provider, client, request, replay, upstreamHeaders = {}, resume } = call;
  const writer = new EventWriter(db, { id: run.id, treeId: run.initial.treeId });
  const startedAt = call.startedAt ?? performance.now();
  const m = metrics();
  const events = m.events.labels(provider.id);
  m.runsInFlight.inc();
  let state: StreamState = resume?.state ?? initialStreamState;
  let ttftMs: number | null = null;
  let error: NodeError | null = null;
  let sent = request;

  // A background node's response id is saved as soon as it is known: whoever takes the node over follows it by that.
  let announcedResponseId = resume !== undefined;
  // Each event is published and saved as it comes; the state is folded once per batch (reduceStreamEvents folds a
  // run of deltas as one).
  const take = (received: ResponseStreamEvent): ResponseStreamEvent => {
    const event = FREE_TEXT_EVENTS.has(received.type) ? scrubDeep(received) : received;
    const atMs = Math.round((call.arrivedAt?.(received) ?? performance.now()) - startedAt);
    if (ttftMs === null && event.type.endsWith(".delta")) ttftMs = atMs;
    events.inc();
    const stored: NodeEvent = { seq: run.events.length, type: event.type, atMs, data: event as unknown as JsonObject };
    const responseId = !announcedResponseId && request.background ? responseIdOf(event) : undefined;
    if (responseId) {
      announcedResponseId = true;
      // Before any of its events (this one too): a node with saved events then always has the id another instance
      // follows it by.
      writer.inOrder(() => saveWithRetry(() => updateNode(db, run.id, { responseId }), `the response id of node ${run.id}`));
    }
    run.publish(stored);
    writer.add(stored);
    return event;
  };
  const forward = async (batches: AsyncIterable<readonly ResponseStreamEvent[]>) => {
    for await (const batch of batches) state = reduceStreamEvents(batch.map(take), state);
  };
  const attempt = async (body: ResponseCreateParamsStreaming) => {
    if (call.events) return forward(oneByOne(call.events));
    const response = await client.responses.create(body, { signal: run.controller.signal, headers: upstreamHeaders }).asResponse();
    await forward(providerEvents(response, run.controller.signal));
  };
  // A background response goes on at the provider whatever happens to this stream: follow it there to its end.
  const followBackground = async () => {
    const id = state.response?.id;
    if (!request.background || !id || isTerminal(state) || run.cancelRequested) return;
    const lastSeq = lastProviderSeq(run);
    try {
      await forward(oneByOne(await client.responses.retrieve(id, { stream: true, ...(lastSeq === null ? {} : { starting_after: lastSeq }) }, { signal: run.controller.signal })));
    } catch (err) {
      if (run.cancelRequested) return;
      log.debug({ err, nodeId: run.id }, "the background response cannot be streamed again: polling it");
    }
    while (!isTerminal(state) && !run.cancelRequested) {
      const response = await client.responses.retrieve(id, {}, { signal: run.controller.signal });
      if (["completed", "incomplete", "failed", "cancelled"].includes(response.status ?? "")) {
        state = { ...state, response, output: response.output, status: response.status as StreamState["status"], error: response.error ? { code: String(response.error.code), message: response.error.message } : null };
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, BACKGROUND_POLL_MS));
    }
  };

  const start = async () => {
    if (resume) return;
    try {
      await attempt(request);
    } catch (err) {
      // A background response outlives a broken stream: it is followed at the provider below.
      if (request.background && state.response?.id) return;
      if (!replay || run.events.length > 0 || !isPreviousResponseNotFound(err)) throw err;
      // One retry in replay mode: the provider no longer has the parent's response.
      sent = await replay();
      await updateNode(db, run.id, { request: sent, contextMode: "replay", contextFallback: true });
      await attempt(sent);
    }
  };
  try {
    await start();
    await followBackground();
  } catch (err) {
    if (!run.cancelRequested) error = toNodeError(err, provider);
  }
  // Stopping a background node stops it at the provider too, not only its stream here.
  if (run.cancelRequested && request.background && state.response?.id && !isTerminal(state)) await cancelAtProvider(client, state.response.id, provider);

  await writer.close();
  const status = finalStatus(run, state, error);
  m.runsInFlight.dec();
  m.runs.inc({ provider: provider.id, status });
  if (error) m.upstreamErrors.inc({ provider: provider.id, code: error.code });
  m.streamSeconds.observe({ provider: provider.id }, (performance.now() - startedAt) / 1000);
  if (ttftMs !== null) m.firstEventSeconds.observe({ provider: provider.id }, ttftMs / 1000);
  if (status === "failed" && !error) {
    error = state.error ?? { code: "stream_incomplete", message: "The provider's stream ended before the response completed." };
  }
  const patch: NodePatch = {
    status,
    error,
    response: finalResponse(state, status),
    responseId: state.response?.id ?? null,
    usage: state.response?.usage ?? null,
    costUsd: costUsd(tokenCounts(state.response?.usage ?? null), priceFor(provider.prices, sent.model)),
    ttftMs,
    durationMs: Math.round(performance.now() - startedAt),
    request: sent,
    leaseOwner: null,
    leaseExpiresAt: null,
  };
  // A completed answer is not lost to a database outage: the save is retried until the database is back (bounded).
  const saved = await saveWithRetry(() => updateNode(db, run.id, patch), `the outcome of node ${run.id}`);
  const row = saved.saved ? saved.value : undefined;
  if (row === undefined) {
    run.finish({ ...run.initial, status: "failed", error: { code: "database_unavailable", message: "The answer could not be saved: the database is unavailable." } });
  } else if (row === null) {
    // The node was deleted while it ran: followers hear how it ended all the same.
    run.finish({ ...run.initial, status, error, request: sent, response: patch.response ?? null, responseId: patch.responseId ?? null, usage: patch.usage ?? null });
  } else {
    run.finish(toDetail(row));
    await announce({ kind: "node", nodeId: row.id, treeId: row.treeId });
    // The tree moves up the list once its new node is saved (not before: the provider call comes first).
    await saveWithRetry(() => touchTree(db, row.treeId), `the time of tree ${row.treeId}`, 0);
  }
}

function isTerminal(state: StreamState): boolean {
  return state.status === "completed" || state.status === "incomplete" || state.status === "failed" || state.status === "cancelled";
}

// The provider's sequence number of the last event received, where its stream can be taken up again.
function lastProviderSeq(run: NodeRun): number | null {
  const seq = run.events.at(-1)?.data.sequence_number;
  return typeof seq === "number" ? seq : null;
}

async function cancelAtProvider(client: OpenAI, responseId: string, provider: Provider): Promise<void> {
  try {
    await client.responses.cancel(responseId);
  } catch (err) {
    log.warn({ err, provider: provider.id }, "could not cancel a background response at its provider");
  }
}

function finalStatus(run: NodeRun, state: StreamState, error: NodeError | null): NodeStatus {
  if (run.cancelRequested) return "cancelled";
  if (error || state.status === "failed") return "failed";
  return state.status === "completed" || state.status === "incomplete" ? state.status : "failed";
}

/** The Response as saved: the last one the stream sent, with every output item that arrived (a partial answer too). */
function finalResponse(state: StreamState, status: NodeStatus): Response | null {
  if (!state.response) return null;
  return { ...state.response, output: state.output, ...(status === "cancelled" ? { status } : {}) };
}
