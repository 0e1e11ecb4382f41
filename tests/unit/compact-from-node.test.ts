import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as compactRoute from "@/app/api/nodes/[id]/compact/route";
import * as repeatRoute from "@/app/api/nodes/[id]/repeat/route";
import * as exportRoute from "@/app/api/trees/[id]/export/route";
import * as nodesRoute from "@/app/api/trees/[id]/nodes/route";
import * as treeRoute from "@/app/api/trees/[id]/route";
import * as importRoute from "@/app/api/trees/import/route";
import * as treesRoute from "@/app/api/trees/route";
import type { NodeDetail, NodeSummary } from "@/lib/contracts/nodes";
import type { Tree } from "@/lib/contracts/trees";
import { PACKED_VIEW, unpackTree, type PackedTree } from "@/lib/contracts/tree-wire";
import { resetEnvForTests } from "@/lib/env";
import { handleOfflineRequest } from "@/lib/offline/http/router";
import { compactedResponseSchema } from "@/lib/responses/schemas";
import { outputText } from "@/lib/responses/summary";
import { setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { testDatabases } from "./support/databases";
import { serve, type Served } from "./support/http";
import { callRoute, type RouteHandler } from "./support/routes";

// "Compact from this node": the route calls the offline engine's POST /responses/compact through the real openai SDK
// over HTTP, and saves a new root of the same tree whose forks replay the compacted context.

const base = "http://arbor.test";
let offline: Served;

beforeAll(async () => {
  offline = await serve((request) => handleOfflineRequest(request, new URL(request.url).pathname.split("/").filter(Boolean).slice(1)));
  process.env.ARBOR_OFFLINE_BASE_URL = `${offline.url}/v1`;
  process.env.ARBOR_OFFLINE_TPS = "0";
  resetEnvForTests();
});

afterAll(async () => {
  await offline.close();
});

const newTree = async () => (await callRoute(treesRoute.POST as RouteHandler, `${base}/api/trees`, { method: "POST", json: { model: "offline-echo" } })).body!.tree as Tree;
const createNode = async (treeId: string, json: Record<string, unknown>) => {
  const answer = await callRoute(nodesRoute.POST as RouteHandler, `${base}/api/trees/${treeId}/nodes`, { method: "POST", params: { id: treeId }, json });
  expect(answer.status, answer.text).toBe(201);
  return answer.body!.node as NodeDetail;
};
const compact = (id: string, json: Record<string, unknown> = {}) =>
  callRoute(compactRoute.POST as RouteHandler, `${base}/api/nodes/${id}/compact`, { method: "POST", params: { id }, json });
const treeNodes = async (id: string) => (await callRoute(treeRoute.GET as RouteHandler, `${base}/api/trees/${id}`, { params: { id } })).body!.nodes as NodeSummary[];

/** A tree with a two-turn branch: "Plan a picnic." then "And drinks?". */
async function picnic(params: Record<string, unknown> = {}) {
  const tree = await newTree();
  const first = await createNode(tree.id, { parentId: null, input: "Plan a picnic.", params });
  const second = await createNode(tree.id, { parentId: first.id, input: "And drinks?", params });
  return { tree, first, second };
}

describe.each(testDatabases())("POST /api/nodes/:id/compact on $name", ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
    setDatabaseForTests(database);
  });
  afterAll(async () => {
    await database.close();
  });

  it("makes a new root of the same tree from the node's chain, which remembers where it came from", async () => {
    const { tree, second } = await picnic();
    const answer = await compact(second.id);
    expect(answer.status, answer.text).toBe(201);
    const root = answer.body!.node as NodeDetail;
    expect(root).toMatchObject({ treeId: tree.id, parentId: null, compactedFrom: second.id, status: "completed", contextMode: "chain", responseId: null, input: [] });
    expect(root.request).toEqual({ model: "offline-echo", previous_response_id: second.responseId });
    const compacted = compactedResponseSchema.parse(root.response);
    // The user messages verbatim, then one compaction item for the two answers.
    expect(compacted.output.map((item) => item.type)).toEqual(["message", "message", "compaction"]);
    expect(root.itemTypes).toEqual(["message", "compaction"]);
    expect(root.usage?.input_tokens).toBeGreaterThan(0);

    const summaries = await treeNodes(tree.id);
    expect(summaries.find((n) => n.id === root.id)?.compactedFrom).toBe(second.id);
    const packed = (await callRoute(treeRoute.GET as RouteHandler, `${base}/api/trees/${tree.id}?view=${PACKED_VIEW}`, { params: { id: tree.id } })).body as unknown as PackedTree;
    expect(unpackTree(packed).nodes.find((n) => n.id === root.id)?.compactedFrom).toBe(second.id);
  });

  it("is forkable like any node: a fork replays the compacted context and the model reads it", async () => {
    const { second } = await picnic();
    const root = (await compact(second.id)).body!.node as NodeDetail;
    const fork = await createNode(root.treeId, { parentId: root.id, input: "Where shall we go?" });
    expect(fork.contextMode).toBe("replay");
    const sent = fork.request as unknown as { input: { type?: string; role?: string }[]; previous_response_id?: string };
    expect(sent.previous_response_id).toBeUndefined();
    expect(sent.input.map((item) => item.type ?? item.role)).toEqual(["message", "message", "compaction", "message"]);
    const text = outputText(fork.response?.output ?? []);
    expect(text).toContain("Compacted: 1 compaction item standing for 2 earlier items");
    expect(text).toContain('Last user message: "Where shall we go?"');
    expect(text).toContain("Turns: 3 (3 user, 0 assistant)");
    // And its fork chains on from there as usual.
    const next = await createNode(root.treeId, { parentId: fork.id, input: "Thanks" });
    expect(next.contextMode).toBe("chain");
    expect(outputText(next.response?.output ?? [])).toContain("standing for 2 earlier items");
  });

  it("replays the branch when asked to, or when the provider cannot chain to it (store: false)", async () => {
    const { second } = await picnic();
    const replayed = (await compact(second.id, { contextMode: "replay" })).body!.node as NodeDetail;
    expect(replayed.contextMode).toBe("replay");
    const sent = replayed.request as unknown as { input: unknown[]; previous_response_id?: string };
    expect(sent.previous_response_id).toBeUndefined();
    expect(sent.input).toHaveLength(4);

    const unstored = await picnic({ store: false });
    const auto = await compact(unstored.second.id);
    expect(auto.status, auto.text).toBe(201);
    expect((auto.body!.node as NodeDetail).contextMode).toBe("replay");
    const chained = await compact(unstored.second.id, { contextMode: "chain" });
    expect(chained.status).toBe(400);
    expect(chained.body).toMatchObject({ error: { code: "bad_request", message: expect.stringContaining("store: false") } });
  });

  it("refuses to repeat a compacted root, and keeps the link through export and import", async () => {
    const { tree, second } = await picnic();
    const root = (await compact(second.id)).body!.node as NodeDetail;
    const repeated = await callRoute(repeatRoute.POST as RouteHandler, `${base}/api/nodes/${root.id}/repeat`, { method: "POST", params: { id: root.id }, json: {} });
    expect(repeated.status).toBe(400);
    expect(repeated.body).toMatchObject({ error: { code: "bad_request" } });

    const exported = (await callRoute(exportRoute.GET as RouteHandler, `${base}/api/trees/${tree.id}/export`, { params: { id: tree.id } })).body!;
    const imported = await callRoute(importRoute.POST as RouteHandler, `${base}/api/trees/import`, { method: "POST", json: { data: exported } });
    expect(imported.status, imported.text).toBe(201);
    const nodes = await treeNodes((imported.body!.tree as Tree).id);
    const copy = nodes.find((n) => n.parentId === null && n.compactedFrom !== null);
    const source = nodes.find((n) => n.id === copy?.compactedFrom);
    expect(source?.inputPreview).toBe("And drinks?");
  });
});
