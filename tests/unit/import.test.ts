import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as exportRoute from "@/app/api/trees/[id]/export/route";
import * as treeRoute from "@/app/api/trees/[id]/route";
import * as nodesRoute from "@/app/api/trees/[id]/nodes/route";
import * as importRoute from "@/app/api/trees/import/route";
import * as treesRoute from "@/app/api/trees/route";
import { setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { resetEnvForTests } from "@/lib/env";
import { handleOfflineRequest } from "@/lib/offline/http/router";
import type { NodeDetail, NodeSummary } from "@/lib/contracts/nodes";
import type { Tree } from "@/lib/contracts/trees";
import { testDatabases } from "./support/databases";
import { serve, type Served } from "./support/http";

type Json = Record<string, unknown>;
const params = (id = "") => ({ params: Promise.resolve({ id }) });

let offline: Served;
let sdk: OpenAI;

beforeAll(async () => {
  offline = await serve((request) => handleOfflineRequest(request, new URL(request.url).pathname.split("/").filter(Boolean).slice(1)));
  process.env.ARBOR_OFFLINE_BASE_URL = `${offline.url}/v1`;
  process.env.ARBOR_OFFLINE_TPS = "0";
  resetEnvForTests();
  sdk = new OpenAI({ baseURL: `${offline.url}/v1`, apiKey: "test", maxRetries: 0 });
});
afterAll(async () => {
  await offline.close();
});

type RouteHandler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

async function post(handler: RouteHandler, path: string, body: unknown, id = ""): Promise<{ status: number; body: Json }> {
  const request = new Request(`http://arbor.test${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await handler(request, params(id));
  return { status: response.status, body: (await response.json()) as Json };
}
const importBody = (body: unknown) => post(importRoute.POST, "/api/trees/import", body);
async function loadTree(id: string) {
  const response = await treeRoute.GET(new Request(`http://arbor.test/api/trees/${id}`), params(id));
  return (await response.json()) as { tree: Tree; nodes: NodeSummary[] };
}
async function treeCount() {
  const response = await treesRoute.GET(new Request("http://arbor.test/api/trees"), params());
  return ((await response.json()) as { trees: unknown[] }).trees.length;
}

describe.each(testDatabases())("import on $name", ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
    setDatabaseForTests(database);
  });
  afterAll(async () => {
    await database.close();
  });

  it("round-trips an Arbor export into a new tree with the same shape and new ids", async () => {
    const tree = (await post(treesRoute.POST, "/api/trees", { title: "Original", model: "offline-echo" })).body.tree as Tree;
    const add = async (parentId: string | null, input: string) =>
      ((await post(nodesRoute.POST, `/api/trees/${tree.id}/nodes`, { parentId, input }, tree.id)).body.node as NodeDetail).id;
    const root = await add(null, "root");
    await add(root, "left");
    const right = await add(root, "right");
    const deeper = await add(right, "deeper");
    const branchExport = await exportRoute.GET(new Request(`http://arbor.test/api/trees/${tree.id}/export?branch=${deeper}`), params(tree.id));
    const branch = (await branchExport.json()) as { nodes: NodeDetail[] };
    expect(branch.nodes.map((n) => n.inputPreview)).toEqual(["root", "right", "deeper"]);
    expect(branchExport.headers.get("content-disposition")).toContain(`branch-${deeper}`);
    const badBranch = await exportRoute.GET(new Request(`http://arbor.test/api/trees/${tree.id}/export?branch=nope`), params(tree.id));
    expect(badBranch.status).toBe(404);

    const exported = (await (await exportRoute.GET(new Request(`http://arbor.test/api/trees/${tree.id}/export`), params(tree.id))).json()) as {
      nodes: NodeDetail[];
    };
    const { status, body } = await importBody({ data: exported });
    expect(status).toBe(201);
    expect(body).toMatchObject({ nodeCount: 4, tree: { title: "Original (imported)" } });
    const copy = await loadTree((body.tree as Tree).id);
    const original = await loadTree(tree.id);
    const shape = (t: { nodes: NodeSummary[] }) => {
      const byId = new Map(t.nodes.map((n) => [n.id, n]));
      return t.nodes.map((n) => [n.inputPreview, n.parentId ? byId.get(n.parentId)?.inputPreview : null, n.responseId, n.outputPreview]).sort();
    };
    expect(shape(copy)).toEqual(shape(original));
    expect(copy.nodes.map((n) => n.id).some((id) => original.nodes.some((o) => o.id === id))).toBe(false);
  });

  it("imports a Response object, or its output array, as one node", async () => {
    const created = await sdk.responses.create({ model: "offline-assistant", input: "Tell me a joke" });
    const raw = (await (await fetch(`${offline.url}/v1/responses/${created.id}`)).json()) as Json;
    const one = await importBody({ data: raw });
    expect(one.status).toBe(201);
    const [node] = (await loadTree((one.body.tree as Tree).id)).nodes;
    expect(node).toMatchObject({ responseId: created.id, status: "completed", model: "offline-assistant", itemTypes: ["message"] });
    expect(node?.outputPreview).toBe(created.output_text.replace(/\s+/g, " ").slice(0, 159).trim() || node?.outputPreview);

    const out = await importBody({ data: raw.output, title: "Just the output" });
    expect(out.body).toMatchObject({ nodeCount: 1, tree: { title: "Just the output" } });
    expect((await loadTree((out.body.tree as Tree).id)).nodes[0]).toMatchObject({ responseId: null, itemTypes: ["message"] });
  });

  it("takes what people paste as it is: a bare Response, output array or export, not only {data}", async () => {
    const created = await sdk.responses.create({ model: "offline-echo", input: "Pasted bare" });
    const raw = (await (await fetch(`${offline.url}/v1/responses/${created.id}`)).json()) as Json;
    const bare = await importBody(raw);
    expect(bare.status).toBe(201);
    expect((await loadTree((bare.body.tree as Tree).id)).nodes[0]).toMatchObject({ responseId: created.id, itemTypes: ["message"] });

    const output = await importBody(raw.output);
    expect(output).toMatchObject({ status: 201, body: { nodeCount: 1, tree: { title: "Imported output" } } });

    const exported = (await (await exportRoute.GET(new Request(`http://arbor.test/api/trees/${(bare.body.tree as Tree).id}/export`), params((bare.body.tree as Tree).id))).json()) as Json;
    const again = await importBody(exported);
    expect(again).toMatchObject({ status: 201, body: { nodeCount: 1 } });
    expect((await loadTree((again.body.tree as Tree).id)).nodes[0]).toMatchObject({ responseId: created.id });
  });

  it("fetches a chain of stored responses by id into a chain of nodes, and the last one can be forked", async () => {
    const a = await sdk.responses.create({ model: "offline-echo", input: "first" });
    const b = await sdk.responses.create({ model: "offline-echo", input: "second", previous_response_id: a.id });
    const c = await sdk.responses.create({ model: "offline-echo", input: "third", previous_response_id: b.id });
    const { status, body } = await importBody({ responseId: c.id, providerId: "offline" });
    expect(status).toBe(201);
    const treeId = (body.tree as Tree).id;
    const { nodes } = await loadTree(treeId);
    expect(nodes.map((n) => [n.responseId, n.inputPreview])).toEqual([
      [a.id, "first"],
      [b.id, "second"],
      [c.id, "third"],
    ]);
    expect(nodes.map((n) => n.parentId)).toEqual([null, nodes[0]!.id, nodes[1]!.id]);

    const fork = (await post(nodesRoute.POST, `/api/trees/${treeId}/nodes`, { parentId: nodes[2]!.id, input: "fourth", model: "offline-echo" }, treeId)).body.node as NodeDetail;
    expect(fork).toMatchObject({ status: "completed", contextMode: "chain" });
    expect(fork.outputPreview).toMatch(/Turns: 7 \(4 user, 3 assistant\)/);
  });

  it("refuses malformed imports with a clear error and creates nothing", async () => {
    const before = await treeCount();
    const cases: [unknown, number, string][] = [
      ["{not json", 400, "invalid_json"],
      [{ data: { hello: "world" } }, 400, "bad_request"],
      [{ data: [] }, 400, "bad_request"],
      [{ data: { format: "arbor.tree", version: 1, tree: { title: "x" }, nodes: [] } }, 400, "bad_request"],
      [{ data: { format: "arbor.tree", version: 1, tree: { title: "x", providerId: "offline", model: "offline-echo" }, nodes: [] } }, 400, "bad_request"],
      [{ responseId: "not-an-id" }, 400, "bad_request"],
      [{ foo: 1 }, 400, "bad_request"],
      [{ responseId: "resp_doesnotexist", providerId: "offline" }, 404, "not_found"],
      [{ responseId: "resp_x", providerId: "nowhere" }, 400, "bad_request"],
    ];
    for (const [body, status, code] of cases) {
      const got = await importBody(body);
      expect({ body, status: got.status, code: (got.body.error as Json | undefined)?.code }).toEqual({ body, status, code });
    }
    const unclear = await importBody({ foo: 1 });
    expect((unclear.body.error as Json).message).toMatch(/Send an Arbor export, a Response or its output array .* or \{"responseId": "resp_…"/);
    const node = (id: string, parentId: string | null) => ({
      id, parentId, providerId: "offline", model: "offline-echo", input: [], request: null, response: null, responseId: null,
      status: "completed", error: null, contextMode: "chain", usage: null, ttftMs: null, durationMs: null, costUsd: null, label: null,
      createdAt: new Date().toISOString(),
    });
    const tree = { title: "Loop", providerId: "offline", model: "offline-echo" };
    const cycle = await importBody({ data: { format: "arbor.tree", version: 1, tree, nodes: [node("a", "b"), node("b", "a")] } });
    expect(cycle).toMatchObject({ status: 400, body: { error: { code: "bad_request", message: expect.stringMatching(/cycle/) as unknown } } });
    const orphan = await importBody({ data: { format: "arbor.tree", version: 1, tree, nodes: [node("a", "ghost")] } });
    expect(orphan).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/ghost/) as unknown } } });
    expect(await treeCount()).toBe(before);
  });

  it("imports a big export in batches, parents before children, listed in any order", async () => {
    // A chain of 1,300 nodes listed newest first, so no batch can be written before the one that holds its parents.
    const count = 1_300;
    const nodes = Array.from({ length: count }, (_, i) => ({
      id: `n${i}`,
      parentId: i === 0 ? null : `n${i - 1}`,
      providerId: "offline",
      model: "offline-echo",
      input: [{ type: "message", role: "user", content: [{ type: "input_text", text: `Question ${i}` }] }],
      request: null,
      response: null,
      responseId: null,
      status: "completed",
      error: null,
      contextMode: "chain",
      usage: null,
      ttftMs: null,
      durationMs: null,
      costUsd: null,
      label: null,
      createdAt: "2025-01-01T00:00:00.000Z",
    })).reverse();
    const { status, body } = await importBody({ data: { format: "arbor.tree", version: 1, tree: { title: "Big", providerId: "offline", model: "offline-echo" }, nodes } });
    expect(status).toBe(201);
    expect(body.nodeCount).toBe(count);
    const { nodes: saved } = await loadTree((body.tree as Tree).id);
    const byPreview = new Map(saved.map((n) => [n.inputPreview, n]));
    expect(saved).toHaveLength(count);
    expect(byPreview.get("Question 0")?.parentId).toBeNull();
    expect(byPreview.get(`Question ${count - 1}`)?.parentId).toBe(byPreview.get(`Question ${count - 2}`)?.id);
  });
});
