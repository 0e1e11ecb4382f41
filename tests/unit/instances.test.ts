import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as cancelRoute from "@/app/api/nodes/[id]/cancel/route";
import * as eventsRoute from "@/app/api/nodes/[id]/events/route";
import * as nodeRoute from "@/app/api/nodes/[id]/route";
import * as treeEventsRoute from "@/app/api/trees/[id]/events/route";
import * as nodesRoute from "@/app/api/trees/[id]/nodes/route";
import type { NodeDetail, NodeSummary } from "@/lib/contracts/nodes";
import { resetEnvForTests } from "@/lib/env";
import { openDatabase, setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { listEvents } from "@/lib/server/db/events";
import { findNode } from "@/lib/server/db/nodes";
import { closeBus } from "@/lib/server/runs/bus";
import { startLeaseKeeper } from "@/lib/server/runs/lease";
import { startArborInstance, type ArborInstance } from "./support/instances";
import { postgresBin, startCluster, type PgCluster } from "./support/pg-cluster";
import { callRoute, type RouteHandler } from "./support/routes";
import { sseFrames } from "./support/sse";
import { stubProvider, textAnswerEvents, type StubProvider } from "./support/upstream";

// Two Arbor instances on one PostgreSQL: this test process is one, a child process the other. A node the other
// instance runs is followed, cancelled, deleted and seen in the tree channel through this one.

const base = "http://arbor.test";
const WORDS = 300;

async function openStream(handler: RouteHandler, path: string, id: string): Promise<Response> {
  const request = new Request(`${base}${path}`, { headers: { accept: "text/event-stream" } });
  return handler(request, { params: Promise.resolve({ id }) });
}

describe.skipIf(!postgresBin() && !process.env.CI)("two instances on one PostgreSQL", () => {
  let cluster: PgCluster;
  let database: Database;
  let slow: StubProvider;
  let other: ArborInstance;
  let stopLeases: () => void;

  beforeAll(async () => {
    slow = await stubProvider({ events: textAnswerEvents("resp_long", Array.from({ length: WORDS }, (_, i) => `w${i} `)), delayMs: 10 });
    process.env.ARBOR_PROVIDERS = JSON.stringify([{ id: "slow", label: "Slow stub", baseURL: `${slow.url}/v1`, models: ["stub"] }]);
    resetEnvForTests();
    cluster = startCluster();
    database = await openDatabase({ kind: "postgres", url: cluster.url });
    setDatabaseForTests(database);
    // This process renews the leases of the nodes it runs, as a server does.
    stopLeases = startLeaseKeeper(database.db, { sweep: true });
    other = await startArborInstance({ DATABASE_URL: cluster.url, ARBOR_PROVIDERS: process.env.ARBOR_PROVIDERS, ARBOR_FAULT_PROVIDER: "slow" });
  }, 60_000);

  afterAll(async () => {
    stopLeases();
    await other.kill();
    await closeBus();
    await database.close();
    cluster.destroy();
    await slow.close();
  });

  it("follows a node the other instance runs, to completion, with every event it stored", async () => {
    const response = await openStream(eventsRoute.GET as RouteHandler, `/api/nodes/${other.nodeId}/events?after=-1`, other.nodeId);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const seen: string[] = [];
    let done: NodeDetail | null = null;
    for await (const frame of sseFrames(response)) {
      if (frame.event === "arbor.done") done = (frame.data as { node: NodeDetail }).node;
      else seen.push(frame.event);
    }
    expect(done).toMatchObject({ id: other.nodeId, status: "completed" });
    const stored = await listEvents(database.db, other.nodeId);
    expect(seen).toEqual(stored.map((e) => e.type));
    expect(stored).toHaveLength(WORDS + 6);
  }, 30_000);

  it("lists the other instance's nodes live in the tree channel, and cancels one through this instance", async () => {
    const channel = await openStream(treeEventsRoute.GET as RouteHandler, `/api/trees/${other.treeId}/events`, other.treeId);
    const heard: { event: string; data: unknown }[] = [];
    const listening = (async () => {
      for await (const frame of sseFrames(channel)) {
        heard.push(frame);
        if (frame.event === "arbor.node" && (frame.data as { node: NodeSummary }).node.status === "cancelled") return;
      }
    })();
    await expect.poll(() => heard.some((f) => f.event === "arbor.tree"), { timeout: 10_000 }).toBe(true);
    // The hello says how many nodes the tree has (a viewer whose read differs missed a change and reads again).
    const counted = await database.db.execute(sql`select count(*)::int as n from nodes where tree_id = ${other.treeId}`);
    const { n } = (counted as unknown as { rows: [{ n: number }] }).rows[0];
    expect(heard.find((f) => f.event === "arbor.tree")?.data).toEqual({ treeId: other.treeId, nodeCount: n });

    const nodeId = await other.startNode();
    await expect.poll(() => heard.some((f) => f.event === "arbor.progress" && (f.data as { nodeId: string }).nodeId === nodeId), { timeout: 10_000 }).toBe(true);
    const cancelled = await callRoute(cancelRoute.POST as RouteHandler, `${base}/api/nodes/${nodeId}/cancel`, { method: "POST", params: { id: nodeId } });
    expect(cancelled).toMatchObject({ status: 200, body: { node: { id: nodeId, status: "cancelled" } } });
    await listening;
    // This node's summaries (the tree's earlier node may be told of too: its end can reach the channel late).
    const summaries = heard.filter((f) => f.event === "arbor.node").map((f) => (f.data as { node: NodeSummary }).node).filter((n) => n.id === nodeId);
    expect(summaries.map((n) => [n.id, n.status])).toEqual([
      [nodeId, "in_progress"],
      [nodeId, "cancelled"],
    ]);
    // The other instance stopped calling the provider.
    await expect.poll(() => slow.requests.at(-1)?.aborted, { timeout: 10_000 }).toBe(true);
  }, 30_000);

  it("deletes a node the other instance runs: it stops there first, then goes", async () => {
    const nodeId = await other.startNode();
    await expect.poll(async () => (await listEvents(database.db, nodeId)).length > 0, { timeout: 10_000 }).toBe(true);
    const deleted = await callRoute(nodeRoute.DELETE as RouteHandler, `${base}/api/nodes/${nodeId}`, { method: "DELETE", params: { id: nodeId } });
    expect(deleted).toMatchObject({ status: 200, body: { ok: true, deleted: 1 } });
    expect(await findNode(database.db, nodeId)).toBeNull();
    await expect.poll(() => slow.requests.at(-1)?.aborted, { timeout: 10_000 }).toBe(true);
  }, 30_000);

  it("serves the other instance's nodes as stored when they ended before anyone followed", async () => {
    const events = await openStream(eventsRoute.GET as RouteHandler, `/api/nodes/${other.nodeId}/events?after=300`, other.nodeId);
    const got: string[] = [];
    for await (const frame of sseFrames(events)) got.push(frame.event);
    expect(got).toEqual([...(await listEvents(database.db, other.nodeId, 300)).map((e) => e.type), "arbor.done"]);
    // This instance runs nodes too; the other one's sweeper leaves them alone while this one renews their leases.
    const created = await callRoute(nodesRoute.POST as RouteHandler, `${base}/api/trees/${other.treeId}/nodes`, {
      method: "POST",
      params: { id: other.treeId },
      json: { parentId: null, input: "Here, too" },
    });
    expect(created.body?.node).toMatchObject({ status: "completed" });
  }, 30_000);

  it("migrates one instance at a time when several start together on a fresh database", async () => {
    const admin = await openDatabase({ kind: "postgres", url: cluster.url });
    await admin.db.execute(sql`create database arbor_together`);
    await admin.close();
    const url = cluster.url.replace(/\/arbor$/, "/arbor_together");
    const together = await Promise.all([1, 2, 3].map(() => openDatabase({ kind: "postgres", url })));
    for (const opened of together) expect((await opened.db.execute(sql`select count(*)::int as n from trees`)) as unknown).toBeTruthy();
    await Promise.all(together.map((opened) => opened.close()));
  }, 30_000);
});
