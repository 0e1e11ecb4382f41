import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as nodesRoute from "@/app/api/trees/[id]/nodes/route";
import * as treesRoute from "@/app/api/trees/route";
import type { NodeDetail } from "@/lib/contracts/nodes";
import type { Tree } from "@/lib/contracts/trees";
import { resetEnvForTests } from "@/lib/env";
import { openDatabase, setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { listEvents } from "@/lib/server/db/events";
import { findNode, toDetail } from "@/lib/server/db/nodes";
import { settleOrphansAtStart, sweepExpiredLeases } from "@/lib/server/runs/lease";
import { outputText } from "@/lib/responses/summary";
import { LEASE_TTL_MS, startArborInstance, type ArborInstance } from "./support/instances";
import { postgresBin, startCluster, type PgCluster } from "./support/pg-cluster";
import { callRoute, type RouteHandler } from "./support/routes";
import { parseSse } from "./support/sse";
import { stubProvider, textAnswerEvents, type StubProvider } from "./support/upstream";

// Faults a real deployment meets: the database stopping mid-stream, an instance killed while it runs a node, a data
// directory that cannot be written. Real processes are killed and a real PostgreSQL server is stopped and restarted.

const base = "http://arbor.test";
const WORDS = 345; // 351 events in all
let slow: StubProvider;

beforeAll(async () => {
  slow = await stubProvider({ events: textAnswerEvents("resp_long", Array.from({ length: WORDS }, (_, i) => `w${i} `)), delayMs: 10 });
  process.env.ARBOR_PROVIDERS = JSON.stringify([{ id: "slow", label: "Slow stub", baseURL: `${slow.url}/v1`, models: ["stub"] }]);
  resetEnvForTests();
});
afterAll(async () => {
  await slow.close();
});

function startArborProcess(env: Record<string, string>): Promise<ArborInstance> {
  return startArborInstance({ ARBOR_PROVIDERS: process.env.ARBOR_PROVIDERS ?? "", ARBOR_FAULT_PROVIDER: "slow", ...env });
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!postgresBin() && !process.env.CI)("faults on a real PostgreSQL server", () => {
  let cluster: PgCluster;
  let database: Database;

  beforeAll(async () => {
    cluster = startCluster();
    database = await openDatabase({ kind: "postgres", url: cluster.url });
    setDatabaseForTests(database);
  }, 60_000);
  afterAll(async () => {
    await database.close();
    cluster.destroy();
  });

  it("loses no event and no answer while the database is down, and answers 503 during the outage", async () => {
    const tree = (await callRoute(treesRoute.POST as RouteHandler, `${base}/api/trees`, { method: "POST", json: { providerId: "slow" } })).body!.tree as Tree;
    const streaming = callRoute(nodesRoute.POST as RouteHandler, `${base}/api/trees/${tree.id}/nodes`, {
      method: "POST",
      params: { id: tree.id },
      json: { parentId: null, input: "A long answer" },
      headers: { accept: "text/event-stream" },
    });
    // Some events are saved; then PostgreSQL stops for two seconds, mid-stream.
    await new Promise((r) => setTimeout(r, 700));
    cluster.stop();
    const during = await callRoute(treesRoute.GET as RouteHandler, `${base}/api/trees`);
    await new Promise((r) => setTimeout(r, 2_000));
    cluster.start();

    expect(during).toMatchObject({ status: 503, body: { error: { code: "database_unavailable" } } });
    const frames = parseSse((await streaming).text);
    const done = (frames.at(-1)?.data as { node: NodeDetail }).node;
    expect(done.status).toBe("completed");
    const row = await findNode(database.db, done.id);
    expect(row?.status).toBe("completed");
    expect(await listEvents(database.db, done.id)).toHaveLength(WORDS + 6);
    expect(outputText(toDetail(row!).response?.output ?? [])).toContain(`w${WORDS - 1}`);
  }, 60_000);

  it("settles a node whose instance was killed once its lease expires, keeping every event and the partial answer", async () => {
    const instance = await startArborProcess({ DATABASE_URL: cluster.url });
    const { nodeId } = instance;
    // While the instance lives it renews its lease: past the lease's life the node is still running.
    await new Promise((r) => setTimeout(r, LEASE_TTL_MS * 2));
    expect(await sweepExpiredLeases(database.db)).toBe(0);
    expect((await findNode(database.db, nodeId))?.status).toBe("in_progress");
    const seen = (await waitFor(() => listEvents(database.db, nodeId), (events) => events.length >= 20, 10_000)).length;
    expect(seen).toBeGreaterThanOrEqual(20);

    await instance.kill();
    const killedAt = Date.now();
    const settled = await waitFor(
      async () => {
        await sweepExpiredLeases(database.db);
        return findNode(database.db, nodeId);
      },
      (row) => row?.status !== "in_progress",
      10_000,
    );
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(settled).toMatchObject({ status: "failed", error: { code: "interrupted" }, leaseOwner: null });
    const kept = await listEvents(database.db, nodeId);
    expect(kept.length).toBeGreaterThanOrEqual(seen);
    expect(kept.map((e) => e.seq)).toEqual(kept.map((_, i) => i));
    // What had arrived is the answer so far, so the Answer tab can show it as partial.
    expect(outputText(toDetail(settled!).response?.output ?? [])).toMatch(/^w0 w1 /);
  }, 60_000);
});

describe("faults on the embedded database", () => {
  it("settles, on the next start, a node left running by a killed process, keeping its partial answer", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "arbor-fault-pglite-"));
    const instance = await startArborProcess({ ARBOR_DATA_DIR: dataDir, DATABASE_URL: "" });
    const { nodeId } = instance;
    await new Promise((r) => setTimeout(r, 1_000));
    await instance.kill();

    const database = await openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "pglite") });
    try {
      expect(await settleOrphansAtStart(database.db)).toBe(1);
      const row = await findNode(database.db, nodeId);
      expect(row).toMatchObject({ status: "failed", error: { code: "interrupted" } });
      expect((await listEvents(database.db, nodeId)).length).toBeGreaterThan(0);
      expect(outputText(toDetail(row!).response?.output ?? [])).toMatch(/^w0 /);
    } finally {
      await database.close();
    }
  }, 60_000);

  it("refuses to start, naming the folder and the reason, when the data directory cannot be created", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "arbor-fault-dir-")), "not-a-folder");
    writeFileSync(file, "");
    const dataDir = path.join(file, "arbor");
    await expect(startArborProcess({ ARBOR_DATA_DIR: dataDir, DATABASE_URL: "" })).rejects.toThrow(
      new RegExp(`exited \\(1\\).*cannot use its data directory ${dataDir.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: ENOTDIR`, "s"),
    );
  }, 60_000);

  it("refuses to start with a readable list when the environment is wrong, before serving anything", async () => {
    await expect(startArborProcess({ ARBOR_OFFLINE_TPS: "fast", PORT: "not-a-port", DATABASE_URL: "" })).rejects.toThrow(/exited \(1\).*Invalid environment:.*PORT.*ARBOR_OFFLINE_TPS/s);
  }, 60_000);
});
