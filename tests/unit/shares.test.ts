import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sharedContextRoute from "@/app/api/s/[token]/nodes/[nodeId]/context/route";
import * as sharedEventsRoute from "@/app/api/s/[token]/nodes/[nodeId]/events/route";
import * as sharedNodeRoute from "@/app/api/s/[token]/nodes/[nodeId]/route";
import * as copyRoute from "@/app/api/s/[token]/copy/route";
import * as sharedRoute from "@/app/api/s/[token]/route";
import * as shareRoute from "@/app/api/shares/[id]/route";
import * as treeRoute from "@/app/api/trees/[id]/route";
import * as sharesRoute from "@/app/api/trees/[id]/shares/route";
import type { Share, SharedTree } from "@/lib/contracts/team";
import { resetEnvForTests } from "@/lib/env";
import { openDatabase, setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { appendEvents } from "@/lib/server/db/events";
import { insertNode } from "@/lib/server/db/nodes";
import { insertTree } from "@/lib/server/db/trees";
import { callRoute, type RouteHandler } from "./support/routes";

const base = "http://127.0.0.1:3000";
let database: Database;

beforeAll(async () => {
  process.env.ARBOR_EXAMPLE_TREE = "off";
  resetEnvForTests();
  database = await openDatabase({ kind: "pglite" });
  setDatabaseForTests(database);
  const { db } = database;
  await insertTree(db, { id: "t1", title: "Shared", providerId: "offline", model: "offline-echo" });
  const node = (id: string, parentId: string | null, request: Record<string, unknown> = { model: "offline-echo", input: id }) =>
    insertNode(db, { id, treeId: "t1", parentId, providerId: "offline", model: "offline-echo", input: [{ role: "user", content: id }], status: "completed", contextMode: "chain", request: request as never });
  // a -> b -> c, and a -> d: the branch of c is a, b, c.
  await node("a", null);
  await node("b", "a", { model: "offline-echo", input: "b", tools: [{ type: "mcp", server_label: "x", server_url: "https://mcp.example", authorization: "hunter2-secret", headers: { "X-Key": "k" } }] });
  await node("c", "b");
  await node("d", "a");
  const tools = [{ type: "mcp", server_label: "x", server_url: "https://mcp.example", authorization: "hunter2-secret" }];
  await appendEvents(db, "b", [
    { seq: 0, type: "response.created", atMs: 1, data: { type: "response.created", sequence_number: 0, response: { id: "resp_b", tools } } },
    { seq: 1, type: "response.output_text.delta", atMs: 2, data: { type: "response.output_text.delta", sequence_number: 1, delta: "b" } },
  ]);
});

afterAll(async () => {
  await database.close();
});

const share = async (body: Record<string, unknown>) => (await callRoute(sharesRoute.POST as RouteHandler, `${base}/api/trees/t1/shares`, { method: "POST", params: { id: "t1" }, json: body })).body as { share: Share };
const open = (token: string) => callRoute(sharedRoute.GET as RouteHandler, `${base}/api/s/${token}`, { params: { token } });

describe("read-only links", () => {
  it("shows exactly the branch of a node, and its nodes without credential-like request fields", async () => {
    const { share: link } = await share({ nodeId: "c" });
    expect(link.url).toBe(`${base}/s/${link.token}`);
    const shown = (await open(link.token)).body as SharedTree;
    expect(shown.tree).toMatchObject({ id: "t1", title: "Shared", settings: {} });
    expect(shown.nodes.map((n) => n.id)).toEqual(["a", "b", "c"]);
    const b = await callRoute(sharedNodeRoute.GET as RouteHandler, `${base}/api/s/${link.token}/nodes/b`, { params: { token: link.token, nodeId: "b" } });
    expect(b.status).toBe(200);
    expect(b.text).not.toContain("hunter2");
    expect(b.text).not.toMatch(/authorization|"headers"/i);
    expect(b.text).toContain("mcp.example");
    // A node outside the branch is not reachable through the link.
    const d = await callRoute(sharedNodeRoute.GET as RouteHandler, `${base}/api/s/${link.token}/nodes/d`, { params: { token: link.token, nodeId: "d" } });
    expect(d.status).toBe(404);
  });

  it("answers the Events and Context tabs of a node it covers, scrubbed, and of no other", async () => {
    const { share: link } = await share({ nodeId: "c" });
    const read = (handler: unknown, nodeId: string, tab: string) =>
      callRoute(handler as RouteHandler, `${base}/api/s/${link.token}/nodes/${nodeId}/${tab}`, { params: { token: link.token, nodeId } });
    const events = await read(sharedEventsRoute.GET, "b", "events");
    expect(events.status).toBe(200);
    expect((events.body as { events: { type: string }[] }).events.map((e) => e.type)).toEqual(["response.created", "response.output_text.delta"]);
    expect(events.text).not.toContain("hunter2");
    const context = await read(sharedContextRoute.GET, "c", "context");
    expect(context.status).toBe(200);
    expect(context.body).toMatchObject({ nodeId: "c", items: [{ role: "user", content: "a" }, { role: "user", content: "b" }, { role: "user", content: "c" }] });
    expect((await read(sharedEventsRoute.GET, "d", "events")).status).toBe(404);
    expect((await read(sharedContextRoute.GET, "d", "context")).status).toBe(404);
  });

  it("shows the whole tree without a node, lists links, and is dead once revoked", async () => {
    const { share: link } = await share({});
    expect(((await open(link.token)).body as SharedTree).nodes.map((n) => n.id)).toEqual(["a", "b", "c", "d"]);
    const listed = await callRoute(sharesRoute.GET as RouteHandler, `${base}/api/trees/t1/shares`, { params: { id: "t1" } });
    expect((listed.body as { shares: Share[] }).shares.map((s) => s.id)).toContain(link.id);
    expect((await callRoute(shareRoute.DELETE as RouteHandler, `${base}/api/shares/${link.id}`, { method: "DELETE", params: { id: link.id } })).status).toBe(200);
    const dead = await open(link.token);
    expect(dead.status).toBe(404);
    expect(dead.body).toMatchObject({ error: { code: "not_found" } });
  });

  it("is dead after it expires", async () => {
    const { share: link } = await share({ expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expect((await open(link.token)).status).toBe(200);
    await database.db.execute(`update shares set expires_at = now() - interval '1 second' where id = '${link.id}'`);
    expect((await open(link.token)).status).toBe(404);
    expect((await share({ expiresAt: new Date(Date.now() - 1000).toISOString() })) as unknown).toMatchObject({ error: { code: "bad_request" } });
  });

  it("continues as a copy: the branch becomes a new tree", async () => {
    const { share: link } = await share({ nodeId: "c" });
    const copied = await callRoute(copyRoute.POST as RouteHandler, `${base}/api/s/${link.token}/copy`, { method: "POST", params: { token: link.token } });
    expect(copied.status).toBe(201);
    const { tree, nodeCount } = copied.body as { tree: { id: string; title: string }; nodeCount: number };
    expect(nodeCount).toBe(3);
    expect(tree.title).toBe("Shared (copy)");
    const read = await callRoute(treeRoute.GET as RouteHandler, `${base}/api/trees/${tree.id}`, { params: { id: tree.id } });
    expect((read.body as SharedTree).nodes.map((n) => n.inputPreview)).toEqual(["a", "b", "c"]);
    expect(read.text).not.toContain("hunter2");
  });
});
