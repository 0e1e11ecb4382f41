import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as inputTokensRoute from "@/app/api/trees/[id]/input-tokens/route";
import * as nodesRoute from "@/app/api/trees/[id]/nodes/route";
import * as treesRoute from "@/app/api/trees/route";
import type { NodeDetail } from "@/lib/contracts/nodes";
import type { InputTokenEstimate } from "@/lib/contracts/tokens";
import type { Tree } from "@/lib/contracts/trees";
import { forkChanges } from "@/lib/tree/fork-changes";
import { resetEnvForTests } from "@/lib/env";
import { handleOfflineRequest } from "@/lib/offline/http/router";
import { setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { testDatabases } from "./support/databases";
import { serve, type Served } from "./support/http";
import { callRoute, type RouteHandler } from "./support/routes";

const base = "http://127.0.0.1:3000";
let offline: Served;

beforeAll(async () => {
  offline = await serve((request) => handleOfflineRequest(request, new URL(request.url).pathname.split("/").filter(Boolean).slice(1)));
  process.env.ARBOR_OFFLINE_BASE_URL = `${offline.url}/v1`;
  process.env.ARBOR_OFFLINE_TPS = "0";
  process.env.ARBOR_PROVIDERS = JSON.stringify([
    { id: "stateless", label: "Stateless", baseURL: `${offline.url}/v1`, models: ["offline-echo"], capabilities: { store: false, previousResponseId: false }, prices: { "offline-echo": { input: 2, cachedInput: 0.5, output: 8 } } },
  ]);
  resetEnvForTests();
});
afterAll(async () => {
  delete process.env.ARBOR_PROVIDERS;
  resetEnvForTests();
  await offline.close();
});

describe.each(testDatabases())("POST /api/trees/:id/input-tokens and conversations on $name", ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
    setDatabaseForTests(database);
  });
  afterAll(async () => {
    await database.close();
  });

  const count = async (treeId: string, json: unknown) => {
    const answer = await callRoute(inputTokensRoute.POST as RouteHandler, `${base}/api/trees/${treeId}/input-tokens`, { method: "POST", params: { id: treeId }, json });
    expect(answer.status, answer.text).toBe(200);
    return answer.body as unknown as InputTokenEstimate;
  };

  it("counts what the node would send, as the node is then charged, and says what a fork onto another provider changes", async () => {
    const tree = (await callRoute(treesRoute.POST as RouteHandler, `${base}/api/trees`, { method: "POST", json: { title: "Tokens", model: "offline-assistant" } })).body!.tree as Tree;
    const body = { parentId: null, input: "How many tokens is this question?" };
    const estimate = await count(tree.id, body);
    expect(estimate).toMatchObject({ providerId: "offline", model: "offline-assistant", contextMode: "chain", switchedFrom: null });
    const created = await callRoute(nodesRoute.POST as RouteHandler, `${base}/api/trees/${tree.id}/nodes`, { method: "POST", params: { id: tree.id }, json: body });
    const root = created.body!.node as NodeDetail;
    expect(estimate.inputTokens).toBe(root.usage?.input_tokens);

    const next = { parentId: root.id, input: "And a follow-up." };
    const chained = await count(tree.id, next);
    expect(chained.contextMode).toBe("chain");
    expect(chained.inputTokens).toBeGreaterThan(estimate.inputTokens);

    const fork = await count(tree.id, { ...next, providerId: "stateless", model: "offline-echo" });
    expect(fork).toMatchObject({ providerId: "stateless", contextMode: "replay", switchedFrom: { providerId: "offline", model: "offline-assistant" } });
    expect(fork.inputTokens).toBe(chained.inputTokens);
    // What the fork changes: chain becomes replay, the price per token, and the parent's cache is lost.
    const cacheable = (root.usage?.input_tokens ?? 0) + (root.usage?.output_tokens ?? 0);
    expect(fork.price).toEqual({ input: 2, cachedInput: 0.5, output: 8 });
    expect(fork.switchedFrom).toMatchObject({ contextMode: "chain", price: { input: 0, cachedInput: 0, output: 0 }, cacheableTokens: cacheable, inputCostUsd: 0 });
    const changes = forkChanges(fork)!;
    expect(changes.heading).toBe("Forking from offline-assistant (offline) onto offline-echo (stateless):");
    expect(changes.lines).toEqual([
      `Chain becomes replay: the history is sent again as input (${fork.inputTokens.toLocaleString("en-US")} tokens) instead of by previous_response_id.`,
      "Input price: $0 → $2.00 per 1M tokens.",
      `Prompt cache lost: up to ${cacheable} tokens that offline-assistant may read from its cache are processed anew.`,
      `This call's input: $${((fork.inputTokens * 2) / 1e6).toFixed(4)} instead of $0.00 with the cache.`,
    ]);
  });

  it("sends a node in a conversation with only its own input, and records the conversation in its request", async () => {
    const tree = (await callRoute(treesRoute.POST as RouteHandler, `${base}/api/trees`, { method: "POST", json: { title: "Conv", model: "offline-echo" } })).body!.tree as Tree;
    const created = await fetch(`${offline.url}/v1/conversations`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ items: [{ type: "message", role: "user", content: "Earlier" }] }) });
    const conversation = (await created.json()) as { id: string };
    const post = (json: unknown) => callRoute(nodesRoute.POST as RouteHandler, `${base}/api/trees/${tree.id}/nodes`, { method: "POST", params: { id: tree.id }, json });
    const root = (await post({ parentId: null, input: "In the conversation", params: { conversation: conversation.id } })).body!.node as NodeDetail;
    expect(root.request).toMatchObject({ conversation: conversation.id });
    expect(root.outputPreview).toMatch(/Turns: 2 \(2 user, 0 assistant\)/);
    const child = (await post({ parentId: root.id, input: "Next", params: { conversation: conversation.id } })).body!.node as NodeDetail;
    expect(child.request).not.toHaveProperty("previous_response_id");
    expect(child.outputPreview).toMatch(/Turns: 4 \(3 user, 1 assistant\)/);
    expect((await post({ parentId: null, input: "x", params: { conversation: "not-a-conv" } })).status).toBe(400);
  });
});
