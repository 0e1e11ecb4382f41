import "server-only";
import { customAlphabet } from "nanoid";
import { PROXY_HEADERS, proxyCreateSchema, type ProxyCreateBody } from "@/lib/contracts/proxy";
import type { NodeDetail, NodeError } from "@/lib/contracts/nodes";
import { env } from "@/lib/env";
import type { Response as ApiResponse, ResponseCreateParamsStreaming, ResponseStreamEvent } from "@/lib/responses/types";
import { getDb, type Db } from "@/lib/server/db/client";
import { currentPrincipal } from "@/lib/server/auth/context";
import { findNodeByResponseId, findWorkspaceTree } from "@/lib/server/db/proxy";
import { insertNode, leaseUntil, toDetail, updateNode } from "@/lib/server/db/nodes";
import { saveWithRetry } from "@/lib/server/db/retry";
import { touchTree } from "@/lib/server/db/trees";
import { jsonProblem, mediaType, parseWith, readLimitedBytes } from "@/lib/server/http/body";
import { isDraining } from "@/lib/server/lifecycle";
import { log } from "@/lib/server/log";
import { toNodeError } from "@/lib/server/providers/errors";
import { clientFor, listProviders, type Provider } from "@/lib/server/providers/registry";
import type { ApiClient } from "@/lib/server/auth/api-client";
import { clientNameOf } from "@/lib/server/proxy/client-name";
import { ProxyError } from "@/lib/server/proxy/errors";
import { trackRecording, type TrackedRecording } from "@/lib/server/proxy/in-flight";
import { splitForRecording, type RecordingCopy } from "@/lib/server/proxy/recording-copy";
import { failedEvents, upstreamApiError } from "@/lib/server/proxy/stream-events";
import { chooseProvider, clientHeaders, defaultProviderId, sendUpstream } from "@/lib/server/proxy/upstream";
import { initialStreamState, type StreamState } from "@/lib/responses/reducer";
import { announce } from "@/lib/server/runs/bus";
import { consumeRun } from "@/lib/server/runs/consume";
import { instanceId, leaseTtlMs } from "@/lib/server/runs/lease";
import { NodeRun, nodeRuns } from "@/lib/server/runs/node-run";
import { scrubText } from "@/lib/server/secrets";
import { costUsd, priceFor } from "@/lib/tree/cost";
import { tokenCounts } from "@/lib/tree/usage";
import { placeCall } from "./proxy-placement";
import { workspaceApiKey } from "./provider-keys";

// The recording proxy: an OpenAI client pointed at /api/v1 is answered by its provider unchanged (status, the headers
// that matter, the body or the SSE bytes as they arrive), and each Responses call is recorded as a node. Recording is
// a reader on a copy of the stream: placing the node, saving it and its events never hold up a byte for the client,
// and go on to the end when the client goes away.

const newNodeId = customAlphabet("0123456789abcdefghijklmnopqrstuvwxyz", 16);

/** How much larger than a node body a proxied create may be: clients that replay history send all of it each time. */
const PROXY_BODY_FACTOR = 20;

/** `POST /responses`: forward the call, answer the client as the provider does, record it as a node. */
export async function proxyCreateResponse(request: Request, client: ApiClient): Promise<Response> {
  if (isDraining()) throw new ProxyError("shutting_down", "This Arbor instance is shutting down and takes no new calls; send it again in a moment.");
  const { bytes, body } = await readCreateBody(request);
  const startedAt = performance.now();
  const db = await getDb();
  const routed = chooseProvider(body.model, request.headers.get(PROXY_HEADERS.provider), defaultProviderId);
  const chosen = needsLookup(body, request, routed.model) ? await providerFromGraph(db, body, request, routed) : routed;
  if (!chosen.model) throw new ProxyError("bad_request", "Missing required parameter: 'model'.", "model");
  const sentBytes: BodyInit = chosen.model === body.model ? Buffer.from(bytes) : JSON.stringify({ ...body, model: chosen.model });

  const abort = new AbortController();
  const tracked = trackRecording();
  const record = (source: RecordSource) => recordCall(db, { tracked, client, request, body, provider: chosen.provider, model: chosen.model!, startedAt, abort, source });

  let upstream: globalThis.Response;
  try {
    upstream = await sendUpstream(chosen.provider, { method: "POST", path: "responses", headers: request.headers, apiKey: await workspaceApiKey(chosen.provider), body: sentBytes, signal: abort.signal });
  } catch (err) {
    record({ kind: "failed", error: err instanceof Error ? err : new Error(String(err)) });
    throw err;
  }
  const headers = clientHeaders(upstream.headers);
  const isStream = (upstream.headers.get("content-type") ?? "").includes("text/event-stream");
  if (upstream.ok && isStream && upstream.body) {
    const { toClient, copy } = splitForRecording(upstream.body);
    record({ kind: "events", copy });
    return new Response(toClient, { status: upstream.status, headers });
  }
  const text = await upstream.text();
  if (!upstream.ok) {
    const scrubbed = scrubText(text);
    record({ kind: "failed", error: upstreamApiError(upstream.status, scrubbed, upstream.headers) });
    return new Response(scrubbed, { status: upstream.status, headers });
  }
  record({ kind: "response", text });
  return new Response(text, { status: upstream.status, headers });
}

// A model written `provider/model` or an X-Arbor-Provider header decides alone; otherwise the graph may: the parent's
// provider for a chained call, the named tree's for a call into a tree.
function needsLookup(body: ProxyCreateBody, request: Request, model: string | undefined): boolean {
  if (model !== body.model || request.headers.has(PROXY_HEADERS.provider)) return false;
  return Boolean(body.previous_response_id) || request.headers.has(PROXY_HEADERS.tree);
}

async function providerFromGraph(db: Db, body: ProxyCreateBody, request: Request, routed: { provider: Provider; model: string | undefined }) {
  const { workspaceId } = currentPrincipal();
  const parent = body.previous_response_id ? await findNodeByResponseId(db, workspaceId, body.previous_response_id) : null;
  const named = request.headers.get(PROXY_HEADERS.tree)?.trim();
  const tree = !parent && named && /^[a-z0-9]{1,40}$/.test(named) ? await findWorkspaceTree(db, workspaceId, named) : null;
  const providerId = parent?.providerId ?? tree?.providerId;
  const provider = providerId ? listProviders().find((p) => p.id === providerId) : undefined;
  return provider ? { provider, model: routed.model } : routed;
}

// The body as sent (forwarded as is, byte for byte, unless its model names a provider) and the fields the proxy reads.
async function readCreateBody(request: Request): Promise<{ bytes: Uint8Array; body: ProxyCreateBody }> {
  const type = mediaType(request);
  if (type !== "application/json" && !type.endsWith("+json")) {
    throw new ProxyError("unsupported_media_type", `Send the body as JSON with Content-Type: application/json${type ? ` (not ${type.slice(0, 80)})` : ""}.`);
  }
  const limit = env().ARBOR_MAX_INPUT_BYTES * PROXY_BODY_FACTOR;
  const bytes = await readLimitedBytes(request, limit);
  if (bytes === null) throw new ProxyError("payload_too_large", `The request body is over the limit of ${Math.round(limit / 1024)} KiB.`);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new ProxyError("invalid_json", "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)");
  }
  const problem = jsonProblem(value);
  if (problem) throw new ProxyError("bad_request", `Invalid request: ${problem}`);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ProxyError("bad_request", "The request body must be a JSON object.");
  return { bytes, body: parseWith(proxyCreateSchema, value) };
}

/** What a recording is made from: the stream's events, the JSON answer, or the failure the client was given. */
type RecordSource = { kind: "events"; copy: RecordingCopy } | { kind: "response"; text: string } | { kind: "failed"; error: Error };

type Recording = {
  tracked: TrackedRecording;
  client: ApiClient;
  request: Request;
  body: ProxyCreateBody;
  provider: Provider;
  model: string;
  startedAt: number;
  abort: AbortController;
  source: RecordSource;
};

/** Place and save the call as a node, then fold what the client is sent into it. Never throws, never blocks. */
function recordCall(db: Db, r: Recording): void {
  const saved = (async () => {
    // The client's answer goes first: placing and saving the node waits until its first byte is out, then for a quiet
    // moment.
    if (r.source.kind === "events") {
      await r.source.copy.firstChunkPassedOn;
      await r.source.copy.placementTurn();
    } else await new Promise((resolve) => setImmediate(resolve));
    const userAgent = r.request.headers.get("user-agent");
    const clientName = clientNameOf(userAgent);
    const treeModel = r.provider.models.includes(r.model) ? r.model : r.provider.models[0]!;
    const placement = await placeCall(db, { client: r.client, clientName, headers: r.request.headers, body: r.body, providerId: r.provider.id, model: treeModel, now: new Date(), seq: r.tracked.seq });
    r.tracked.placedIn(placement.tree.id);
    const row = await insertNode(db, {
      id: newNodeId(),
      treeId: placement.tree.id,
      parentId: placement.parentId,
      providerId: r.provider.id,
      model: r.model,
      input: placement.input,
      request: r.body as ResponseCreateParamsStreaming,
      status: "in_progress",
      contextMode: placement.contextMode,
      store: r.body.store ?? true,
      label: null,
      source: "proxy",
      createdBy: r.client.principal.userId,
      userAgent: userAgent?.slice(0, 500) ?? null,
      clientName,
      leaseOwner: instanceId(),
      leaseExpiresAt: leaseUntil(leaseTtlMs()),
    });
    void announce({ kind: "node", nodeId: row.id, treeId: row.treeId });
    const background = r.source.kind === "response" ? runningInBackground(r.source.text) : null;
    if (r.source.kind === "response" && !background) return finishFromJson(db, toDetail(row), r);
    const run = nodeRuns().add(new NodeRun(row.id, toDetail(row)));
    // Stop pressed in Arbor stops the call upstream (and so the client's stream, which is that call's).
    run.controller.signal.addEventListener("abort", () => r.abort.abort(), { once: true });
    const copy = r.source.kind === "events" ? r.source.copy : null;
    const events = copy ? copy.events() : failedEvents(r.source.kind === "failed" ? r.source.error : new Error("no events"));
    const request = r.body as ResponseCreateParamsStreaming;
    const arrivedAt = copy ? (event: ResponseStreamEvent) => copy.arrivalOf(event) : undefined;
    const client = clientFor(r.provider);
    // A background response answered as JSON goes on at the provider: the node follows it there to its end.
    const call = background
      ? { provider: r.provider, client, request, replay: null, resume: { state: background }, startedAt: r.startedAt }
      : { provider: r.provider, client, request, replay: null, events, startedAt: r.startedAt, arrivedAt };
    if (background?.response?.id) await saveWithRetry(() => updateNode(db, row.id, { responseId: background.response!.id }), `the response id of node ${row.id}`);
    await consumeRun(db, run, call).finally(() => nodeRuns().retire(run));
  })().catch((err: unknown) => log.error({ err }, "a proxied call could not be recorded (the client was answered all the same)"));
  r.tracked.until(saved);
}

/** A JSON answer that is a background response still queued or running, as the state a run resumes from. */
function runningInBackground(text: string): StreamState | null {
  let response: ApiResponse;
  try {
    response = JSON.parse(text) as ApiResponse;
  } catch {
    return null;
  }
  if (response.background !== true || (response.status !== "queued" && response.status !== "in_progress")) return null;
  return { ...initialStreamState, response, output: response.output ?? [], status: response.status };
}

// A JSON answer (stream: false): the Response is the node's outcome.
async function finishFromJson(db: Db, node: NodeDetail, r: Recording): Promise<void> {
  let response: ApiResponse | null = null;
  let error: NodeError | null = null;
  try {
    response = JSON.parse(r.source.kind === "response" ? r.source.text : "") as ApiResponse;
  } catch (err) {
    error = toNodeError(err, r.provider);
  }
  const status = error ? "failed" : response?.status === "incomplete" || response?.status === "failed" || response?.status === "cancelled" ? response.status : "completed";
  const usage = response?.usage ?? null;
  const row = await saveWithRetry(
    () =>
      updateNode(db, node.id, {
        status,
        error: error ?? (response?.error ? { code: String(response.error.code), message: response.error.message } : null),
        response,
        responseId: response?.id ?? null,
        usage,
        costUsd: costUsd(tokenCounts(usage), priceFor(r.provider.prices, r.model)),
        durationMs: Math.round(performance.now() - r.startedAt),
        leaseOwner: null,
        leaseExpiresAt: null,
      }),
    `the outcome of node ${node.id}`,
  );
  if (row.saved && row.value) {
    await announce({ kind: "node", nodeId: node.id, treeId: node.treeId });
    await saveWithRetry(() => touchTree(db, node.treeId), `the time of tree ${node.treeId}`, 0);
  }
}
