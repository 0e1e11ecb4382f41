import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as unknownApiRoute from "@/app/api/[...path]/route";
import * as healthRoute from "@/app/api/health/route";
import * as nodeRoute from "@/app/api/nodes/[id]/route";
import * as cancelRoute from "@/app/api/nodes/[id]/cancel/route";
import * as contextRoute from "@/app/api/nodes/[id]/context/route";
import * as eventsRoute from "@/app/api/nodes/[id]/events/route";
import * as providersRoute from "@/app/api/providers/route";
import * as treeRoute from "@/app/api/trees/[id]/route";
import * as nodesRoute from "@/app/api/trees/[id]/nodes/route";
import * as treesRoute from "@/app/api/trees/route";
import { setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { resetEnvForTests } from "@/lib/env";
import { handleOfflineRequest } from "@/lib/offline/http/router";
import type { NodeDetail, NodeSummary } from "@/lib/contracts/nodes";
import { unpackTree, type PackedTree } from "@/lib/contracts/tree-wire";
import type { Tree } from "@/lib/contracts/trees";
import { testDatabases } from "./support/databases";
import { serve, type Served } from "./support/http";
import { parseSse } from "./support/sse";
import { stubProvider, textAnswerEvents, type StubProvider } from "./support/upstream";

type Json = Record<string, unknown>;
const base = "http://arbor.test";
const params = (id = "") => ({ params: Promise.resolve({ id }) });

async function call(
  handler: (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>,
  path: string,
  init: RequestInit & { json?: unknown; id?: string } = {},
): Promise<{ status: number; body: Json }> {
  const { json, id, ...rest } = init;
  const request = new Request(base + path, {
    ...rest,
    ...(json !== undefined ? { body: JSON.stringify(json), headers: { "content-type": "application/json", ...rest.headers } } : {}),
  });
  const response = await handler(request, params(id));
  return { status: response.status, body: (await response.json()) as Json };
}

let offline: Served;
let openai: StubProvider;
const stubs: Served[] = [];
const OPENAI_KEY = "sk-test-never-leaves-the-server";

beforeAll(async () => {
  offline = await serve((request) => handleOfflineRequest(request, new URL(request.url).pathname.split("/").filter(Boolean).slice(1)));
  const slow = await stubProvider({ events: textAnswerEvents("resp_slow", Array.from({ length: 40 }, (_, i) => `w${i} `)), delayMs: 25 });
  const failing = await stubProvider({ status: 500 });
  const gone = await serve(() => Promise.resolve(new Response("")));
  await gone.close(); // nothing listens on this port any more
  openai = await stubProvider({ events: textAnswerEvents("resp_openai", ["Hello ", "from ", "OpenAI"]) });
  stubs.push(slow, failing, openai);
  process.env.OPENAI_API_KEY = OPENAI_KEY;
  process.env.OPENAI_BASE_URL = `${openai.url}/v1`;
  process.env.ARBOR_OFFLINE_BASE_URL = `${offline.url}/v1`;
  process.env.ARBOR_OFFLINE_TPS = "0";
  process.env.ARBOR_MAX_INPUT_BYTES = "20000";
  process.env.ARBOR_PROVIDERS = JSON.stringify([
    { id: "slow", label: "Slow stub", baseURL: `${slow.url}/v1`, models: ["stub"] },
    { id: "failing", label: "Failing stub", baseURL: `${failing.url}/v1`, models: ["stub"] },
    { id: "down", label: "Down", baseURL: `${gone.url}/v1`, models: ["stub"] },
  ]);
  resetEnvForTests();
});

afterAll(async () => {
  await Promise.all([offline.close(), ...stubs.map((s) => s.close())]);
});

async function waitForStatus(id: string, done: (status: string) => boolean): Promise<NodeDetail> {
  for (let i = 0; i < 200; i++) {
    const { body } = await call(nodeRoute.GET, `/api/nodes/${id}`, { id });
    const node = body.node as NodeDetail;
    if (done(node.status)) return node;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`node ${id} never reached the expected status`);
}

describe.each(testDatabases())("Arbor API on $name", ({ open }) => {
  let database: Database;
  let tree: Tree;

  beforeAll(async () => {
    database = await open();
    setDatabaseForTests(database);
  });
  afterAll(async () => {
    await database.close();
  });

  const createNode = (body: Json, headers: Record<string, string> = {}) =>
    call(nodesRoute.POST, `/api/trees/${tree.id}/nodes`, { method: "POST", json: body, id: tree.id, headers });
  const nodeCount = async () => ((await call(treeRoute.GET, `/api/trees/${tree.id}`, { id: tree.id })).body.nodes as unknown[]).length;

  it("reports health and lists providers without secrets", async () => {
    const health = await call(healthRoute.GET, "/api/health");
    expect(health).toMatchObject({ status: 200, body: { ok: true, providers: expect.arrayContaining(["offline"]) as unknown } });
    const { body } = await call(providersRoute.GET, "/api/providers");
    const offlineProvider = (body.providers as Json[]).find((p) => p.id === "offline");
    expect(offlineProvider).toMatchObject({ models: ["offline-assistant", "offline-echo"], hasKey: true });
    expect(JSON.stringify(body)).not.toContain("apiKeyEnv");
  });

  it("calls OpenAI with the key from the server's environment, and never shows the key", async () => {
    const providers = await call(providersRoute.GET, "/api/providers");
    expect((providers.body.providers as Json[]).find((p) => p.id === "openai")).toMatchObject({ hasKey: true });
    const created = await call(treesRoute.POST, "/api/trees", { method: "POST", json: { providerId: "openai", model: "gpt-4.1-mini" } });
    const treeId = (created.body.tree as Tree).id;
    const { status, body } = await call(nodesRoute.POST, `/api/trees/${treeId}/nodes`, { method: "POST", json: { parentId: null, input: "Hi" }, id: treeId });
    expect(status).toBe(201);
    expect(body.node).toMatchObject({ providerId: "openai", status: "completed", outputPreview: "Hello from OpenAI", responseId: "resp_openai" });
    expect(openai.requests.at(-1)).toMatchObject({ authorization: `Bearer ${OPENAI_KEY}`, body: { model: "gpt-4.1-mini", stream: true } });
    const everything = JSON.stringify([providers.body, body, (await call(treeRoute.GET, `/api/trees/${treeId}`, { id: treeId })).body]);
    expect(everything).not.toContain(OPENAI_KEY);
  });

  it("names an untitled tree after its first question, and leaves a named tree alone", async () => {
    const untitled = (await call(treesRoute.POST, "/api/trees", { method: "POST", json: {} })).body.tree as Tree;
    expect(untitled.title).toBe("Untitled tree");
    await call(nodesRoute.POST, `/api/trees/${untitled.id}/nodes`, { method: "POST", json: { parentId: null, input: "Plan a picnic by the lake" }, id: untitled.id });
    expect((await call(treeRoute.GET, `/api/trees/${untitled.id}`, { id: untitled.id })).body.tree).toMatchObject({ title: "Plan a picnic by the lake" });
    await call(nodesRoute.POST, `/api/trees/${untitled.id}/nodes`, { method: "POST", json: { parentId: null, input: "Another root" }, id: untitled.id });
    expect((await call(treeRoute.GET, `/api/trees/${untitled.id}`, { id: untitled.id })).body.tree).toMatchObject({ title: "Plan a picnic by the lake" });
    await call(treeRoute.DELETE, `/api/trees/${untitled.id}`, { method: "DELETE", id: untitled.id });
  });

  it("answers an unknown API path with the JSON error shape, not a page", async () => {
    const response = await unknownApiRoute.GET(new Request(`${base}/api/nope`), params());
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "No API route GET /api/nope" } });
  });

  it("creates a tree with offline defaults", async () => {
    const { status, body } = await call(treesRoute.POST, "/api/trees", { method: "POST", json: { title: "Jokes", model: "offline-echo" } });
    expect(status).toBe(201);
    tree = body.tree as Tree;
    expect(tree).toMatchObject({ title: "Jokes", providerId: "offline", model: "offline-echo" });
    const list = await call(treesRoute.GET, "/api/trees");
    expect((list.body.trees as Tree[]).map((t) => t.id)).toContain(tree.id);
  });

  let root: NodeDetail;
  it("creates a root node and saves the request, the response and the usage", async () => {
    const { status, body } = await createNode({ parentId: null, input: "Tell me a joke" });
    expect(status).toBe(201);
    root = body.node as NodeDetail;
    expect(root).toMatchObject({ status: "completed", parentId: null, contextMode: "chain", inputPreview: "Tell me a joke" });
    expect(root.responseId).toMatch(/^resp_/);
    expect(root.request).toMatchObject({ model: "offline-echo", input: root.input, store: true, stream: true });
    expect(root.request).not.toHaveProperty("previous_response_id");
    expect((root.response as unknown as Json).id).toBe(root.responseId);
    expect(root.usage).toMatchObject({ total_tokens: expect.any(Number) as unknown });
    expect(root.durationMs).toBeGreaterThanOrEqual(0);
    expect(root.outputPreview).toMatch(/Turns: 1 \(1 user, 0 assistant\)/);
  });

  it("streams a fork as SSE: arbor.node, the provider's events unchanged, arbor.done", async () => {
    const request = new Request(`${base}/api/trees/${tree.id}/nodes`, {
      method: "POST",
      headers: { accept: "text/event-stream", "content-type": "application/json" },
      body: JSON.stringify({ parentId: root.id, input: "Tell me another" }),
    });
    const response = await nodesRoute.POST(request, params(tree.id));
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const frames = parseSse(await response.text());
    expect(frames[0]?.event).toBe("arbor.node");
    const last = frames.at(-1)!;
    expect(last.event).toBe("arbor.done");
    const provider = frames.slice(1, -1);
    expect(provider.length).toBeGreaterThan(4);
    provider.forEach((f, i) => {
      expect(f.event).toBe((f.data as Json).type);
      expect((f.data as Json).sequence_number).toBe(i);
    });
    expect(provider.at(-1)?.event).toBe("response.completed");
    const child = (last.data as { node: NodeDetail }).node;
    expect(child).toMatchObject({ parentId: root.id, status: "completed", contextMode: "chain" });
    expect(child.request).toMatchObject({ previous_response_id: root.responseId });
    expect(child.outputPreview).toMatch(/Turns: 3 \(2 user, 1 assistant\)/);

    const events = await call(eventsRoute.GET, `/api/nodes/${child.id}/events?after=-1`, { id: child.id });
    expect((events.body.events as Json[]).map((e) => e.type)).toEqual(provider.map((f) => f.event));
  });

  it("forks the same node again in replay mode, and regenerates a sibling with the same input", async () => {
    const { body } = await createNode({ parentId: root.id, input: "A different joke", contextMode: "replay" });
    const replayed = body.node as NodeDetail;
    expect(replayed).toMatchObject({ parentId: root.id, contextMode: "replay", status: "completed" });
    expect(replayed.request).not.toHaveProperty("previous_response_id");
    expect((replayed.request as { input: unknown[] }).input).toHaveLength(3); // question, answer, new question
    expect(replayed.outputPreview).toMatch(/Turns: 3 \(2 user, 1 assistant\)/);

    const regen = (await createNode({ parentId: null, input: root.input })).body.node as NodeDetail;
    expect(regen).toMatchObject({ parentId: null, inputPreview: root.inputPreview, status: "completed" });
    expect(regen.responseId).not.toBe(root.responseId);
    // The database digests each whole input: the same for the same input, another for one that differs past its preview.
    expect(regen.inputDigest).toMatch(/^[0-9a-f]{12}$/);
    expect(regen.inputDigest).toBe(root.inputDigest);
    const long = "Tell me a joke about trees, ".repeat(8);
    const [first, edited] = [(await createNode({ parentId: null, input: `${long} A` })).body.node, (await createNode({ parentId: null, input: `${long} B` })).body.node] as NodeDetail[];
    expect(edited!.inputPreview).toBe(first!.inputPreview);
    expect(edited!.inputDigest).not.toBe(first!.inputDigest);
    const { body: treeBody } = await call(treeRoute.GET, `/api/trees/${tree.id}`, { id: tree.id });
    const nodes = treeBody.nodes as NodeSummary[];
    expect(nodes.filter((n) => n.parentId === root.id)).toHaveLength(2);
    expect(nodes[0]).not.toHaveProperty("response");

    // The browser's packed form of the same tree unpacks to the plain answer, in fewer bytes.
    const packed = await call(treeRoute.GET, `/api/trees/${tree.id}?view=packed`, { id: tree.id });
    expect(packed.status).toBe(200);
    expect(unpackTree(packed.body as unknown as PackedTree).nodes).toEqual(treeBody.nodes);
    expect(JSON.stringify(packed.body).length).toBeLessThan(JSON.stringify(treeBody).length * 0.7);
  });

  it("shows the context a node's call saw, the same whether it chained or replayed", async () => {
    const { body } = await call(treeRoute.GET, `/api/trees/${tree.id}`, { id: tree.id });
    const children = (body.nodes as NodeSummary[]).filter((n) => n.parentId === root.id);
    const chained = children.find((n) => n.contextMode === "chain")!;
    const replayed = children.find((n) => n.contextMode === "replay")!;
    const contextOf = async (id: string) => (await call(contextRoute.GET, `/api/nodes/${id}/context`, { id })).body;
    const a = await contextOf(chained.id);
    const b = await contextOf(replayed.id);
    expect(a).toMatchObject({ nodeId: chained.id, contextMode: "chain" });
    const items = (x: Json) => x.items as Json[];
    expect(items(a).map((i) => i.role)).toEqual(["user", "assistant", "user"]);
    expect(items(a).slice(0, 2)).toEqual(items(b).slice(0, 2));
    expect(items(a)[0]).toEqual(root.input[0]);
    expect((await call(contextRoute.GET, "/api/nodes/nope/context", { id: "nope" })).status).toBe(404);
  });

  it("retries once in replay mode when the provider no longer has the parent's response", async () => {
    const parent = (await createNode({ parentId: root.id, input: "Remember this" })).body.node as NodeDetail;
    const deleted = await fetch(`${offline.url}/v1/responses/${parent.responseId}`, { method: "DELETE" });
    expect(deleted.status).toBe(200);
    const { body } = await createNode({ parentId: parent.id, input: "What did I say?" });
    const child = body.node as NodeDetail;
    expect(child).toMatchObject({ status: "completed", contextMode: "replay", contextFallback: true });
    expect(child.request).not.toHaveProperty("previous_response_id");
    expect(child.outputPreview).toMatch(/replayed/i);
  });

  it("answers bad input with a clear error and saves nothing", async () => {
    const before = await nodeCount();
    const raw = await nodesRoute.POST(
      new Request(`${base}/api/trees/${tree.id}/nodes`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" }),
      params(tree.id),
    );
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ error: { code: "invalid_json" } });

    const cases: [Json, number, string][] = [
      [{ parentId: null, input: "   " }, 400, "bad_request"],
      [{ parentId: null, input: [] }, 400, "bad_request"],
      [{ parentId: "nope", input: "hi" }, 404, "not_found"],
      [{ parentId: null, input: "hi", providerId: "nowhere" }, 400, "bad_request"],
      [{ parentId: null, input: "hi", model: "gpt-99" }, 400, "bad_request"],
      [{ parentId: null, input: "hi", params: { temperature: 9 } }, 400, "bad_request"],
      [{ parentId: null, input: "x".repeat(30_000) }, 413, "payload_too_large"],
    ];
    for (const [json, status, code] of cases) {
      const { status: got, body } = await createNode(json);
      expect({ json: JSON.stringify(json).slice(0, 60), got, code: (body.error as Json).code }).toEqual({ json: JSON.stringify(json).slice(0, 60), got: status, code });
      expect(typeof (body.error as Json).message).toBe("string");
    }
    const missing = await call(nodesRoute.POST, "/api/trees/missing/nodes", { method: "POST", json: { parentId: null, input: "hi" }, id: "missing" });
    expect(missing).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });

    const other = (await call(treesRoute.POST, "/api/trees", { method: "POST", json: {} })).body.tree as Tree;
    const foreign = await call(nodesRoute.POST, `/api/trees/${other.id}/nodes`, { method: "POST", json: { parentId: root.id, input: "hi" }, id: other.id });
    expect(foreign).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });
    expect(await nodeCount()).toBe(before);
  });

  it("keeps a node as failed when the provider fails or is down, with the input saved", async () => {
    const failing = await createNode({ parentId: null, input: "Will fail", providerId: "failing" });
    expect(failing.status).toBe(502);
    expect(failing.body.node).toMatchObject({ status: "failed", inputPreview: "Will fail", error: { status: 500 } });

    const down = await createNode({ parentId: null, input: "Nobody home", providerId: "down" });
    const node = down.body.node as NodeDetail;
    expect(node).toMatchObject({ status: "failed", error: { code: "upstream_unavailable" } });
    const saved = await call(nodeRoute.GET, `/api/nodes/${node.id}`, { id: node.id });
    expect((saved.body.node as NodeDetail).input).toEqual(node.input);
  });

  it("keeps consuming and saving when the browser goes away", async () => {
    const controller = new AbortController();
    const response = await nodesRoute.POST(
      new Request(`${base}/api/trees/${tree.id}/nodes`, {
        method: "POST",
        headers: { accept: "text/event-stream", "content-type": "application/json" },
        body: JSON.stringify({ parentId: null, input: "Go slowly", providerId: "slow" }),
        signal: controller.signal,
      }),
      params(tree.id),
    );
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    const id = (parseSse(first)[0]!.data as { node: NodeSummary }).node.id;
    await reader.cancel(); // the browser tab closes
    controller.abort();
    const node = await waitForStatus(id, (s) => s !== "in_progress");
    expect(node.status).toBe("completed");
    expect(node.outputPreview).toMatch(/^w0 w1 .* w39$/);
    const events = await call(eventsRoute.GET, `/api/nodes/${id}/events`, { id });
    expect(events.body.events).toHaveLength(46); // every event the provider sent
  });

  it("cancels a running node and keeps what arrived", async () => {
    const response = await nodesRoute.POST(
      new Request(`${base}/api/trees/${tree.id}/nodes`, {
        method: "POST",
        headers: { accept: "text/event-stream", "content-type": "application/json" },
        body: JSON.stringify({ parentId: null, input: "Stop me", providerId: "slow" }),
      }),
      params(tree.id),
    );
    const reader = response.body!.getReader();
    let text = "";
    while (!text.includes("response.output_text.delta")) text += new TextDecoder().decode((await reader.read()).value);
    const id = (parseSse(text.split("\n\n")[0]! + "\n\n")[0]!.data as { node: NodeSummary }).node.id;
    const cancelled = await call(cancelRoute.POST, `/api/nodes/${id}/cancel`, { method: "POST", id });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.node).toMatchObject({ status: "cancelled" });
    expect((cancelled.body.node as NodeDetail).outputPreview).toMatch(/^w0/);
    const again = await call(cancelRoute.POST, `/api/nodes/${id}/cancel`, { method: "POST", id });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "conflict" } } });
    await reader.cancel();
  });

  it("renames a tree, deletes a subtree explicitly, and deletes the tree", async () => {
    const renamed = await call(treeRoute.PATCH, `/api/trees/${tree.id}`, { method: "PATCH", json: { title: "Renamed" }, id: tree.id });
    expect(renamed.body.tree).toMatchObject({ title: "Renamed" });
    const bad = await call(treeRoute.PATCH, `/api/trees/${tree.id}`, { method: "PATCH", json: { model: "nope" }, id: tree.id });
    expect(bad.status).toBe(400);
    const before = await nodeCount();
    const removed = await call(nodeRoute.DELETE, `/api/nodes/${root.id}`, { method: "DELETE", id: root.id });
    expect(removed.body.deleted).toBeGreaterThanOrEqual(4);
    expect(await nodeCount()).toBe(before - (removed.body.deleted as number));
    expect((await call(treeRoute.DELETE, `/api/trees/${tree.id}`, { method: "DELETE", id: tree.id })).status).toBe(200);
    expect((await call(treeRoute.GET, `/api/trees/${tree.id}`, { id: tree.id })).status).toBe(404);
  });
});
