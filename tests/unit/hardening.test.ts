import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as cancelRoute from "@/app/api/nodes/[id]/cancel/route";
import * as repeatRoute from "@/app/api/nodes/[id]/repeat/route";
import * as nodeRoute from "@/app/api/nodes/[id]/route";
import * as storesRoute from "@/app/api/providers/[id]/vector_stores/route";
import * as exportRoute from "@/app/api/trees/[id]/export/route";
import * as nodesRoute from "@/app/api/trees/[id]/nodes/route";
import * as treeRoute from "@/app/api/trees/[id]/route";
import * as importRoute from "@/app/api/trees/import/route";
import * as treesRoute from "@/app/api/trees/route";
import type { NodeDetail, NodeSummary } from "@/lib/contracts/nodes";
import type { Tree } from "@/lib/contracts/trees";
import { resetEnvForTests } from "@/lib/env";
import { handleOfflineRequest } from "@/lib/offline/http/router";
import { openDatabase, setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { scrubText } from "@/lib/server/secrets";
import { testDatabases } from "./support/databases";
import { serve, type Served } from "./support/http";
import { callRoute, type RouteHandler } from "./support/routes";
import { parseSse } from "./support/sse";
import { stubProvider, textAnswerEvents, type StubProvider } from "./support/upstream";

const base = "http://arbor.test";
const GATEWAY_KEY = "sk-gateway-secret-0123456789abcdef";
const stubs: Served[] = [];
let offline: Served;
let echoing: StubProvider;
let slow: StubProvider;
let flaky: StubProvider;

beforeAll(async () => {
  offline = await serve((request) => handleOfflineRequest(request, new URL(request.url).pathname.split("/").filter(Boolean).slice(1)));
  // A gateway that repeats the Authorization header it was sent in its error messages and stream events.
  echoing = await stubProvider({ status: 401, errorMessage: (authorization) => `Invalid credentials: Authorization: ${authorization}` });
  const echoingStream = await stubProvider({
    events: (authorization) => [
      ...textAnswerEvents("resp_echo", ["partial "]).slice(0, 4),
      { type: "error", code: "server_error", message: `upstream saw ${authorization}`, param: null, sequence_number: 4 },
    ],
  });
  slow = await stubProvider({ events: textAnswerEvents("resp_slow", Array.from({ length: 200 }, (_, i) => `w${i} `)), delayMs: 20 });
  flaky = await stubProvider({ status: 500, failOnDemand: true, events: textAnswerEvents("resp_flaky", ["Second ", "time"]) });
  stubs.push(echoing, echoingStream, slow, flaky);
  process.env.GATEWAY_KEY = GATEWAY_KEY;
  process.env.ARBOR_OFFLINE_BASE_URL = `${offline.url}/v1`;
  process.env.ARBOR_OFFLINE_TPS = "0";
  process.env.ARBOR_PROVIDERS = JSON.stringify([
    { id: "echoing", label: "Echoing gateway", baseURL: `${echoing.url}/v1`, apiKeyEnv: "GATEWAY_KEY", models: ["stub"], capabilities: { hostedTools: ["file_search"] } },
    { id: "echoing-stream", label: "Echoing stream", baseURL: `${echoingStream.url}/v1`, apiKeyEnv: "GATEWAY_KEY", models: ["stub"] },
    { id: "slow", label: "Slow stub", baseURL: `${slow.url}/v1`, models: ["stub"] },
    { id: "flaky", label: "Flaky stub", baseURL: `${flaky.url}/v1`, models: ["stub"] },
  ]);
  resetEnvForTests();
});

afterAll(async () => {
  delete process.env.GATEWAY_KEY;
  await Promise.all([offline.close(), ...stubs.map((s) => s.close())]);
});

describe("scrubbing", () => {
  it("replaces configured keys and anything shaped like a bearer token or an API key", () => {
    expect(scrubText(`key ${GATEWAY_KEY} here`)).toBe("key [redacted] here");
    expect(scrubText("Authorization: Bearer abcdefgh12345678")).toBe("Authorization: [redacted]");
    expect(scrubText("an sk-proj-AAAAAAAAAAAAAAAAAAAA leaked")).toBe("an [redacted] leaked");
    expect(scrubText("nothing secret here")).toBe("nothing secret here");
  });
});

describe.each(testDatabases())("hardening on $name", ({ open }) => {
  let database: Database;

  beforeAll(async () => {
    database = await open();
    setDatabaseForTests(database);
  });
  afterAll(async () => {
    await database.close();
  });

  const newTree = async (json: Record<string, unknown> = {}) =>
    (await callRoute(treesRoute.POST as RouteHandler, `${base}/api/trees`, { method: "POST", json })).body!.tree as Tree;
  const createNode = (treeId: string, json: Record<string, unknown>, headers: Record<string, string> = {}) =>
    callRoute(nodesRoute.POST as RouteHandler, `${base}/api/trees/${treeId}/nodes`, { method: "POST", params: { id: treeId }, json, headers });
  const getNode = async (id: string) => (await callRoute(nodeRoute.GET as RouteHandler, `${base}/api/nodes/${id}`, { params: { id } })).body!.node as NodeDetail;

  it("keeps an upstream that echoes the Authorization header from leaking the key anywhere", async () => {
    const tree = await newTree({ providerId: "echoing", model: "stub" });
    const failed = await createNode(tree.id, { parentId: null, input: "Hi" });
    expect(failed.status).toBe(502);
    expect(echoing.requests.at(-1)?.authorization).toBe(`Bearer ${GATEWAY_KEY}`);

    const streamTree = await newTree({ providerId: "echoing-stream", model: "stub" });
    const streamed = await createNode(streamTree.id, { parentId: null, input: "Hi" }, { accept: "text/event-stream" });
    const streamedNode = (parseSse(streamed.text).at(-1)?.data as { node: NodeDetail }).node;

    const stores = await callRoute(storesRoute.GET as RouteHandler, `${base}/api/providers/echoing/vector_stores`, { params: { id: "echoing" } });
    const imported = await callRoute(importRoute.POST as RouteHandler, `${base}/api/trees/import`, { method: "POST", json: { responseId: "resp_anything", providerId: "echoing" } });
    const everything = [
      failed.text,
      streamed.text,
      JSON.stringify(await getNode((failed.body!.node as NodeDetail).id)),
      JSON.stringify(await getNode(streamedNode.id)),
      (await callRoute(exportRoute.GET as RouteHandler, `${base}/api/trees/${tree.id}/export`, { params: { id: tree.id } })).text,
      (await callRoute(exportRoute.GET as RouteHandler, `${base}/api/trees/${streamTree.id}/export`, { params: { id: streamTree.id } })).text,
      stores.text,
      imported.text,
    ].join("\n");
    expect(stores.status).toBe(502);
    expect(imported.status).toBeGreaterThanOrEqual(400);
    // The failures themselves are still explained, with the secret blanked out.
    expect(everything).toContain("Invalid credentials: Authorization: Bearer [redacted]");
    expect(everything).toContain("upstream saw Bearer [redacted]");
    expect(everything).not.toContain(GATEWAY_KEY);
    expect(everything).not.toMatch(/Bearer [A-Za-z0-9]/);
  });

  it("passes an upstream 429 on with its retry delay, and keeps the node to retry", async () => {
    const tree = await newTree({ model: "offline-echo" });
    const limited = await createNode(tree.id, { parentId: null, input: "Too fast", params: { metadata: { arbor_fault: "429" } } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.body).toMatchObject({ error: { code: "rate_limited", retryAfterSeconds: 1 }, node: { status: "failed", error: { status: 429, retryAfterSeconds: 1 } } });
  });

  it("repeats a node with its tools, parameters and instructions, whether regenerated or retried after a failure", async () => {
    const tree = await newTree({ providerId: "flaky", model: "stub" });
    const body = { parentId: null, input: "Search for this", tools: [{ type: "web_search" }], params: { temperature: 0.3, include: ["web_search_call.action.sources"] }, instructions: "Cite." };
    flaky.failNext(2); // the SDK tries twice
    const failed = (await createNode(tree.id, body)).body!.node as NodeDetail;
    expect(failed.status).toBe("failed");
    const retried = await callRoute(repeatRoute.POST as RouteHandler, `${base}/api/nodes/${failed.id}/repeat`, { method: "POST", params: { id: failed.id }, json: {} });
    expect(retried.status).toBe(201);
    const sibling = retried.body!.node as NodeDetail;
    expect(sibling).toMatchObject({ status: "completed", parentId: null, outputPreview: "Second time" });
    const [first, second] = flaky.requests.slice(-2).map((r) => r.body);
    expect(second).toEqual(first);
    expect(second).toMatchObject({ tools: [{ type: "web_search" }], temperature: 0.3, include: ["web_search_call.action.sources"], instructions: "Cite." });

    // Regenerate is the same call: a sibling of a completed node asks exactly what it asked.
    const regenerated = (await callRoute(repeatRoute.POST as RouteHandler, `${base}/api/nodes/${sibling.id}/repeat`, { method: "POST", params: { id: sibling.id }, json: {} })).body!.node as NodeDetail;
    expect(regenerated.request).toEqual(sibling.request);
    expect(flaky.requests.at(-1)?.body).toEqual(first);
  });

  it("counts the branches that answer a function call by the call ids they send, not by their preview text", async () => {
    const tree = await newTree({ model: "offline-assistant" });
    const weather = { type: "function", name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } };
    const call = (await createNode(tree.id, { parentId: null, input: "What's the weather in Oslo?", tools: [weather] })).body!.node as NodeDetail;
    const callId = (call.response?.output.find((item) => item.type === "function_call") as { call_id: string }).call_id;
    const answer = (await createNode(tree.id, { parentId: call.id, input: [{ type: "function_call_output", call_id: callId, output: "Rain" }], tools: [weather] })).body!.node as NodeDetail;
    const followUp = (await createNode(tree.id, { parentId: call.id, input: "Tool output: never mind" })).body!.node as NodeDetail;
    const summaries = (await callRoute(treeRoute.GET as RouteHandler, `${base}/api/trees/${tree.id}`, { params: { id: tree.id } })).body!.nodes as NodeSummary[];
    expect(summaries.find((n) => n.id === answer.id)?.answeredCallIds).toEqual([callId]);
    // A user turn whose text happens to read like a tool output answers nothing.
    expect(summaries.find((n) => n.id === followUp.id)).toMatchObject({ inputPreview: "Tool output: never mind", answeredCallIds: [] });
  });

  it("ends a running node's stream when the node, an ancestor or its tree is deleted, and stops calling the provider", async () => {
    for (const target of ["node", "ancestor", "tree"] as const) {
      const tree = await newTree({ providerId: "slow", model: "stub" });
      const root = target === "ancestor" ? ((await createNode(tree.id, { parentId: null, input: "Root" })).body!.node as NodeDetail) : null;
      const calls = slow.requests.length;
      const streaming = createNode(tree.id, { parentId: root?.id ?? null, input: `Long answer (${target})` }, { accept: "text/event-stream" });
      // The provider is answering: its stream has begun.
      await expect.poll(() => slow.requests.length, { message: target, timeout: 10_000 }).toBe(calls + 1);
      const nodes = (await callRoute(treeRoute.GET as RouteHandler, `${base}/api/trees/${tree.id}`, { params: { id: tree.id } })).body!.nodes as NodeSummary[];
      const running = nodes.find((n) => n.status === "in_progress");
      expect(running, target).toBeDefined();
      const deleted =
        target === "tree"
          ? await callRoute(treeRoute.DELETE as RouteHandler, `${base}/api/trees/${tree.id}`, { method: "DELETE", params: { id: tree.id } })
          : await callRoute(nodeRoute.DELETE as RouteHandler, `${base}/api/nodes/${root?.id ?? running!.id}`, { method: "DELETE", params: { id: root?.id ?? running!.id } });
      expect(deleted.status, target).toBe(200);
      const frames = parseSse((await streaming).text);
      expect(frames.at(-1), target).toMatchObject({ event: "arbor.done", data: { node: { id: running!.id, status: "cancelled" } } });
      await expect.poll(() => slow.requests[calls]?.aborted, { message: target, timeout: 10_000 }).toBe(true);
    }
  });

  it("cancels a running node and answers it as saved", async () => {
    const tree = await newTree({ providerId: "slow", model: "stub" });
    const streaming = createNode(tree.id, { parentId: null, input: "Long answer" }, { accept: "text/event-stream" });
    let id: string | undefined;
    for (let i = 0; i < 200 && !id; i++) {
      const nodes = (await callRoute(treeRoute.GET as RouteHandler, `${base}/api/trees/${tree.id}`, { params: { id: tree.id } })).body!.nodes as NodeSummary[];
      id = nodes[0]?.id;
      if (!id) await new Promise((r) => setTimeout(r, 10));
    }
    const cancelled = await callRoute(cancelRoute.POST as RouteHandler, `${base}/api/nodes/${id}/cancel`, { method: "POST", params: { id: id! } });
    expect(cancelled).toMatchObject({ status: 200, body: { node: { id, status: "cancelled" } } });
    await streaming;
  });
});

describe("what the server says about itself", () => {
  it("keeps an internal gateway's address off /api/providers, and shows OpenAI's public one", async () => {
    const { GET } = await import("@/app/api/providers/route");
    const { body } = await callRoute(GET as RouteHandler, `${base}/api/providers`);
    const providers = body!.providers as { id: string; baseURL: string | null }[];
    expect(providers.find((p) => p.id === "slow")?.baseURL).toBeNull();
    expect(providers.find((p) => p.id === "offline")?.baseURL).toBeNull();
    expect(JSON.stringify(providers)).not.toContain("127.0.0.1");
  });

  it("logs a failed query by what failed, without the parameters users typed", async () => {
    const { describeError } = await import("@/lib/server/log");
    const cause = Object.assign(new Error('relation "nodes" is locked'), { code: "55P03" });
    const failed = Object.assign(new Error('Failed query: insert into "nodes" values ($1)\nparams: my secret question'), { name: "DrizzleQueryError", cause });
    const logged = JSON.stringify(describeError(failed));
    expect(logged).toContain("database query failed");
    expect(logged).toContain("55P03");
    expect(logged).not.toContain("my secret question");
  });

  it("refuses to start with a plain next start, which would listen on every interface", async () => {
    const { assertListenAddressChosen } = await import("@/lib/server/startup");
    const next = "/app/node_modules/next/dist/bin/next";
    expect(() => assertListenAddressChosen(["node", next, "start", "-p", "3000"])).toThrow(/every network interface/);
    expect(() => assertListenAddressChosen(["node", next, "start", "-H", "127.0.0.1"])).not.toThrow();
    expect(() => assertListenAddressChosen(["node", next, "start", "--hostname=0.0.0.0"])).not.toThrow();
    expect(() => assertListenAddressChosen(["node", "/app/scripts/start.mjs"])).not.toThrow();
  });

  it("stops reading a chunked upload at the limit instead of buffering it whole", async () => {
    const { POST } = await import("@/app/api/providers/[id]/files/route");
    let pulled = 0;
    const megabyte = new Uint8Array(1024 * 1024).fill(97);
    const boundary = "----arbor";
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n`));
      },
      pull(controller) {
        pulled += 1;
        if (pulled > 100) controller.close(); // 100 MB, with no Content-Length
        else controller.enqueue(megabyte);
      },
    });
    const answer = await callRoute(POST as RouteHandler, `${base}/api/providers/offline/files`, {
      method: "POST",
      params: { id: "offline" },
      body,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    expect(answer).toMatchObject({ status: 413, body: { error: { code: "payload_too_large" } } });
    expect(pulled).toBeLessThan(15);
  });
});

describe("operations", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ kind: "pglite" });
    setDatabaseForTests(database);
  });
  afterAll(async () => {
    await database.close();
  });

  it("counts runs, events and upstream errors in /api/metrics, with no prompt or key among the labels", async () => {
    const { GET } = await import("@/app/api/metrics/route");
    const tree = (await callRoute(treesRoute.POST as RouteHandler, `${base}/api/trees`, { method: "POST", json: { providerId: "echoing", model: "stub" } })).body!.tree as Tree;
    await callRoute(nodesRoute.POST as RouteHandler, `${base}/api/trees/${tree.id}/nodes`, { method: "POST", params: { id: tree.id }, json: { parentId: null, input: "a secret question" } });
    const { status, text, headers } = await callRoute(GET as RouteHandler, `${base}/api/metrics`);
    expect(status).toBe(200);
    expect(headers.get("content-type")).toContain("text/plain");
    expect(text).toMatch(/arbor_runs_total\{provider="echoing",status="failed"\} \d+/);
    expect(text).toMatch(/arbor_upstream_errors_total\{provider="echoing",code="upstream_error"\} \d+/);
    expect(text).toContain("arbor_runs_in_flight");
    expect(text).toContain("arbor_stream_duration_seconds_bucket");
    expect(text).not.toContain("secret question");
    expect(text).not.toContain(GATEWAY_KEY);
  });

  it("says at start what a hosting platform needs", async () => {
    const { assertPlatformConfig, detectPlatform } = await import("@/lib/server/startup");
    expect(detectPlatform({ VERCEL: "1" })).toBe("vercel");
    expect(detectPlatform({ FLY_APP_NAME: "arbor" })).toBe("fly");
    expect(detectPlatform({})).toBeNull();
    expect(() => assertPlatformConfig({ VERCEL: "1" }, false)).toThrow(/set DATABASE_URL/);
    expect(() => assertPlatformConfig({ VERCEL: "1" }, true)).not.toThrow();
    expect(() => assertPlatformConfig({ FLY_APP_NAME: "arbor" }, false)).not.toThrow();
  });

  it("is not ready before its start is done, and ready after", async () => {
    const { GET } = await import("@/app/api/ready/route");
    const { markStarted } = await import("@/lib/server/lifecycle");
    expect(await callRoute(GET as RouteHandler, `${base}/api/ready`)).toMatchObject({ status: 503, body: { ready: false, reason: "starting" } });
    markStarted();
    expect(await callRoute(GET as RouteHandler, `${base}/api/ready`)).toMatchObject({ status: 200, body: { ready: true } });
  });
});
