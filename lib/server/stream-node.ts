import "server-only";
import { APIConnectionError, APIError } from "openai";
import type { Db } from "@/lib/db/client";
import { appendEvents } from "@/lib/db/events";
import { toDetail, updateNode } from "@/lib/db/nodes";
import { touchTree } from "@/lib/db/trees";
import type { NodeError, NodeStatus } from "@/lib/db/schema";
import { clientFor, type Provider } from "@/lib/providers/registry";
import { initialStreamState, reduceStreamEvent, type StreamState } from "@/lib/responses/reducer";
import type { ResponseCreateParamsStreaming } from "@/lib/responses/types";
import { summarizeOutput } from "@/lib/responses/summary";
import { planContext, type BranchNode } from "@/lib/tree/context";
import { costUsd, priceFor } from "@/lib/tree/cost";
import { tokenCounts } from "@/lib/tree/usage";
import type { NodeEvent } from "@/lib/tree/types";
import type { NodeRun } from "./runs";

const FLUSH_EVERY_MS = 200;
const FLUSH_AT_EVENTS = 64;

/** Appends a node's events in batches, in order, off the hot path of forwarding them. */
class EventWriter {
  private pending: NodeEvent[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly nodeId: string,
  ) {}

  add(event: NodeEvent): void {
    this.pending.push(event);
    if (this.pending.length >= FLUSH_AT_EVENTS) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length) {
      this.chain = this.chain.then(() =>
        appendEvents(this.db, this.nodeId, batch).catch((err: unknown) => console.error("[arbor] could not save events:", err)),
      );
    }
    return this.chain;
  }
}

/** Did the provider say it no longer has the previous response? */
export function isPreviousResponseNotFound(err: unknown): boolean {
  if (!(err instanceof APIError)) return false;
  if (err.code === "previous_response_not_found") return true;
  return (err.status === 400 || err.status === 404) && /previous[_ ]response/i.test(err.message) && /not found/i.test(err.message);
}

/** A provider failure as the node keeps it: readable, with the upstream status, no secrets. */
export function toNodeError(err: unknown, provider: Provider): NodeError {
  if (err instanceof APIConnectionError) {
    return { code: "upstream_unavailable", message: `Could not reach ${provider.label} at ${provider.baseURL}: ${err.message}` };
  }
  if (err instanceof APIError) {
    const body = err.error as { message?: unknown } | undefined;
    const message = typeof body?.message === "string" ? body.message : err.message;
    return { code: typeof err.code === "string" ? err.code : "upstream_error", message, ...(err.status ? { status: err.status } : {}) };
  }
  return { code: "upstream_error", message: err instanceof Error ? err.message : String(err) };
}

type Fallback = { branch: BranchNode[]; input: unknown[] } | null;

/** Consume the provider's stream for a node, fold and forward every event, save the outcome. Never throws. */
export async function consumeRun(
  db: Db,
  run: NodeRun,
  provider: Provider,
  request: Record<string, unknown>,
  fallback: Fallback,
  upstreamHeaders: Record<string, string> = {},
): Promise<void> {
  const writer = new EventWriter(db, run.nodeId);
  const startedAt = performance.now();
  let state: StreamState = initialStreamState;
  let ttftMs: number | null = null;
  let seq = 0;
  let error: NodeError | null = null;
  let sent = request;

  const attempt = async (body: Record<string, unknown>) => {
    const stream = await clientFor(provider).responses.create(body as unknown as ResponseCreateParamsStreaming, {
      signal: run.controller.signal,
      headers: upstreamHeaders,
    });
    for await (const event of stream) {
      const atMs = Math.round(performance.now() - startedAt);
      if (ttftMs === null && event.type.endsWith(".delta")) ttftMs = atMs;
      state = reduceStreamEvent(state, event);
      const stored: NodeEvent = { seq: seq++, type: event.type, atMs, data: event as unknown as Record<string, unknown> };
      run.publish(stored);
      writer.add(stored);
    }
  };

  try {
    try {
      await attempt(request);
    } catch (err) {
      if (!fallback || seq > 0 || !isPreviousResponseNotFound(err)) throw err;
      // One retry in replay mode: the provider no longer has the parent's response.
      const plan = planContext({ ...fallback, requested: "replay", providerId: provider.id, capabilities: provider.capabilities });
      if ("error" in plan) throw err;
      const { previous_response_id: _dropped, ...rest } = request;
      sent = { ...rest, input: plan.input };
      await updateNode(db, run.nodeId, { request: sent, contextMode: "replay", contextFallback: true });
      await attempt(sent);
    }
  } catch (err) {
    if (!run.cancelRequested) error = toNodeError(err, provider);
  }

  await writer.flush();
  const status: NodeStatus = run.cancelRequested
    ? "cancelled"
    : error || state.status === "failed"
      ? "failed"
      : state.status === "completed" || state.status === "incomplete"
        ? state.status
        : "failed";
  if (status === "failed" && !error) {
    error = state.error ?? { code: "stream_incomplete", message: "The provider's stream ended before the response completed." };
  }
  const response = state.response ? { ...state.response, output: state.output, ...(status === "cancelled" ? { status } : {}) } : null;
  const usage = (state.response?.usage as Record<string, unknown> | null | undefined) ?? null;
  const summary = summarizeOutput(state.output);
  const model = typeof sent.model === "string" ? sent.model : "";
  try {
    const row = await updateNode(db, run.nodeId, {
      status,
      error,
      response: response as Record<string, unknown> | null,
      responseId: state.response?.id ?? null,
      usage,
      costUsd: costUsd(tokenCounts(usage), priceFor(provider.prices, model)),
      ttftMs,
      durationMs: Math.round(performance.now() - startedAt),
      request: sent,
      ...summary,
    });
    if (row) run.finish(toDetail(row));
    // The tree moves up the list once its new node is saved (not before: the provider call comes first).
    if (row) await touchTree(db, row.treeId);
  } catch (err) {
    console.error("[arbor] could not save node", run.nodeId, err);
    run.finish({ ...run.initial, status: "failed", error: { code: "internal_error", message: "The answer could not be saved." } });
  }
}
