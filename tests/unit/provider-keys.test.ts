import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as keyRoute from "@/app/api/provider-keys/[providerId]/route";
import * as keysRoute from "@/app/api/provider-keys/route";
import * as nodeRoute from "@/app/api/nodes/[id]/route";
import * as nodesRoute from "@/app/api/trees/[id]/nodes/route";
import * as treesRoute from "@/app/api/trees/route";
import * as proxyRoute from "@/app/api/v1/[...path]/route";
import { callRoute, type RouteHandler } from "./support/routes";
import type { Database } from "@/lib/server/db/client";
import { apiToken, openSignedInArbor, TEAM_BASE, type SignedInArbor, type Team } from "./support/team";

// A workspace's own key for a provider: set by the owner, stored encrypted, sent upstream by the SDK, never answered.

const KEY = "sk-workspace-own-key-0123456789abcdef";
let arbor: SignedInArbor;
let database: Database;
let team: Team;
const seenAuthorization: string[] = [];

beforeAll(async () => {
  // The offline engine stands in for a gateway; what matters is the Authorization header the SDK sends it.
  arbor = await openSignedInArbor({
    onRequest: (request) => seenAuthorization.push(request.headers.get("authorization") ?? ""),
    env: (offline) => ({
      ARBOR_PROVIDERS: JSON.stringify([{ id: "gateway", label: "Gateway", baseURL: `${offline}/v1`, apiKeyEnv: "GATEWAY_TEST_KEY", models: ["offline-echo"] }]),
      GATEWAY_TEST_KEY: "sk-env-key-of-the-server-0123456789",
    }),
  });
  ({ database, team } = arbor);
}, 60_000);

afterAll(() => arbor.close());

const put = (cookie: string, apiKey: string) => callRoute(keyRoute.PUT as RouteHandler, `${TEAM_BASE}/api/provider-keys/gateway`, { method: "PUT", params: { providerId: "gateway" }, json: { apiKey }, headers: { cookie } });
const ask = async (cookie: string) => {
  const trees = await callRoute(treesRoute.POST as RouteHandler, `${TEAM_BASE}/api/trees`, { method: "POST", json: { providerId: "gateway" }, headers: { cookie } });
  const treeId = (trees.body as { tree: { id: string } }).tree.id;
  return callRoute(nodesRoute.POST as RouteHandler, `${TEAM_BASE}/api/trees/${treeId}/nodes`, { method: "POST", params: { id: treeId }, json: { parentId: null, input: "Hello" }, headers: { cookie } });
};

describe("per-workspace provider keys", () => {
  it("uses the env's key until the owner sets one, then the workspace's, which no route ever answers", async () => {
    expect((await ask(team.member)).status).toBe(201);
    expect(seenAuthorization.at(-1)).toBe(`Bearer ${process.env.GATEWAY_TEST_KEY}`);

    expect((await put(team.member, KEY)).status).toBe(403);
    const set = await put(team.owner, KEY);
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ keys: [{ providerId: "gateway", updatedAt: expect.any(String) as string }] });
    expect(set.text).not.toContain(KEY);

    const answer = await ask(team.member);
    expect(answer.status).toBe(201);
    expect(seenAuthorization.at(-1)).toBe(`Bearer ${KEY}`);
    expect(answer.text).not.toContain(KEY);
    const nodeId = (answer.body as { node: { id: string } }).node.id;
    const node = await callRoute(nodeRoute.GET as RouteHandler, `${TEAM_BASE}/api/nodes/${nodeId}`, { params: { id: nodeId }, headers: { cookie: team.owner } });
    expect(node.text).not.toContain(KEY);
    const list = await callRoute(keysRoute.GET as RouteHandler, `${TEAM_BASE}/api/provider-keys`, { headers: { cookie: team.owner } });
    expect(list.text).not.toContain(KEY);

    // Stored encrypted: neither the key nor a piece of it is in the database.
    const { rows } = (await database.db.execute(`select ciphertext from provider_keys`)) as unknown as { rows: { ciphertext: string }[] };
    expect(rows).toHaveLength(1);
    expect(rows[0]!.ciphertext).not.toContain(KEY.slice(3, 20));
    expect(Buffer.from(rows[0]!.ciphertext, "base64").toString("latin1")).not.toContain(KEY.slice(3, 20));

    // Another workspace keeps the env's key.
    expect((await ask(team.outsider)).status).toBe(201);
    expect(seenAuthorization.at(-1)).toBe(`Bearer ${process.env.GATEWAY_TEST_KEY}`);

    // The recording proxy forwards a member's call with the workspace's key too, and another workspace's with the env's.
    const viaProxy = async (cookie: string) => {
      const { token } = await apiToken(cookie, "a script");
      const answer = await callRoute(proxyRoute.POST as unknown as RouteHandler, `${TEAM_BASE}/api/v1/responses`, {
        method: "POST",
        params: { path: ["responses"] as unknown as string },
        json: { model: "gateway/offline-echo", input: "Through the proxy" },
        headers: { authorization: `Bearer ${token}` },
      });
      expect(answer.status).toBe(200);
      expect(answer.text).not.toContain(KEY);
      return seenAuthorization.at(-1);
    };
    expect(await viaProxy(team.member)).toBe(`Bearer ${KEY}`);
    expect(await viaProxy(team.outsider)).toBe(`Bearer ${process.env.GATEWAY_TEST_KEY}`);

    const removed = await callRoute(keyRoute.DELETE as RouteHandler, `${TEAM_BASE}/api/provider-keys/gateway`, { method: "DELETE", params: { providerId: "gateway" }, headers: { cookie: team.owner } });
    expect(removed.body).toEqual({ keys: [] });
    await ask(team.member);
    expect(seenAuthorization.at(-1)).toBe(`Bearer ${process.env.GATEWAY_TEST_KEY}`);
    expect(await viaProxy(team.member)).toBe(`Bearer ${process.env.GATEWAY_TEST_KEY}`);
  });
});
