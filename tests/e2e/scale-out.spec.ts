import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import type { NodeDetail, NodeEvent, NodeSummary } from "@/lib/contracts/nodes";
import type { Tree } from "@/lib/contracts/trees";
import { startCluster, type PgCluster } from "../unit/support/pg-cluster";
import { sseFrames } from "../unit/support/sse";
import { Balancer, Instance, containerFiles } from "./support/cluster";

// Two instances of the standalone server, run from a copy of its files as the container runs them, behind nginx
// (round-robin), on one throwaway PostgreSQL. No browser: this is about where runs live.

test.describe.configure({ mode: "serial" });

const PORTS = { a: 3231, b: 3232, nginx: 3230 };
let cluster: PgCluster;
let a: Instance;
let b: Instance;
let balancer: Balancer;

let app: string;

test.beforeAll(async () => {
  cluster = startCluster();
  app = containerFiles();
  const env = { DATABASE_URL: cluster.url, ARBOR_LEASE_TTL_MS: "1500", ARBOR_OFFLINE_TPS: "20", ARBOR_SHUTDOWN_GRACE_S: "0" };
  a = new Instance(PORTS.a, env, app);
  b = new Instance(PORTS.b, env, app);
  await a.start();
  await b.start();
  balancer = new Balancer(PORTS.nginx, [PORTS.a, PORTS.b]);
  await balancer.start();
});

test.afterEach(async ({}, info) => {
  // What the instances said, to read when a test failed.
  if (info.status !== info.expectedStatus) {
    await info.attach("instance A", { body: a.output });
    await info.attach("instance B", { body: b.output });
  }
});

test.afterAll(async () => {
  await balancer.stop();
  await Promise.all([a.kill(), b.kill()]);
  cluster.destroy();
  rmSync(app, { recursive: true, force: true });
});

const post = (url: string, json: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(json) });
const getJson = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;
const node = async (on: Instance, id: string) => (await getJson<{ node: NodeDetail }>(`${on.url}/api/nodes/${id}`)).node;
const events = async (on: Instance, id: string) => (await getJson<{ events: NodeEvent[] }>(`${on.url}/api/nodes/${id}/events`)).events;

async function newTree(title: string): Promise<Tree> {
  return ((await (await post(`${balancer.url}/api/trees`, { title, model: "offline-echo" })).json()) as { tree: Tree }).tree;
}

/**
 * Start a node on one instance; resolves with its id as soon as it is saved. Its stream is read on meanwhile, to the
 * end or until the instance dies under it: `stream` says which.
 */
async function startNode(on: Instance, treeId: string, body: Record<string, unknown> = {}): Promise<{ id: string; stream: Promise<"ended" | "broken"> }> {
  const response = await post(`${on.url}/api/trees/${treeId}/nodes`, { parentId: null, input: "Tell me everything about trees", ...body }, { accept: "text/event-stream" });
  const frames = sseFrames(response);
  const first = await frames.next();
  const id = ((first.value as { data: { node: NodeSummary } }).data.node).id;
  const stream = (async () => {
    for await (const _frame of frames) {
      // read to the end, as a browser would
    }
  })().then(
    () => "ended" as const,
    () => "broken" as const,
  );
  return { id, stream };
}

/** Everything an instance's tree channel says, as it arrives. */
function listen(on: Instance, treeId: string): { heard: { event: string; data: unknown }[]; close: () => void } {
  const controller = new AbortController();
  const heard: { event: string; data: unknown }[] = [];
  void (async () => {
    const response = await fetch(`${on.url}/api/trees/${treeId}/events`, { headers: { accept: "text/event-stream" }, signal: controller.signal });
    for await (const frame of sseFrames(response)) heard.push(frame);
  })().catch(() => undefined); // aborted by close()
  return { heard, close: () => controller.abort() };
}

test("a node started on one instance is followed to its end, listed live and cancelled through the other", async () => {
  const tree = await newTree("Across instances");
  const onA = listen(a, tree.id);
  const onB = listen(b, tree.id);
  await expect.poll(() => onA.heard.length > 0 && onB.heard.length > 0).toBe(true);

  const first = await startNode(a, tree.id);
  const followed: string[] = [];
  let done: NodeDetail | null = null;
  for await (const frame of sseFrames(await fetch(`${b.url}/api/nodes/${first.id}/events?after=-1`, { headers: { accept: "text/event-stream" } }))) {
    if (frame.event === "arbor.done") done = (frame.data as { node: NodeDetail }).node;
    else followed.push(frame.event);
  }
  expect(await first.stream).toBe("ended");
  expect(done).toMatchObject({ id: first.id, status: "completed" });
  expect(followed).toEqual((await events(a, first.id)).map((e) => e.type));

  const second = await startNode(a, tree.id);
  await expect.poll(async () => (await events(b, second.id)).length, { timeout: 10_000 }).toBeGreaterThan(3);
  const cancelled = await post(`${b.url}/api/nodes/${second.id}/cancel`, {});
  expect(cancelled.status).toBe(200);
  expect(((await cancelled.json()) as { node: NodeDetail }).node.status).toBe("cancelled");
  expect(await second.stream).toBe("ended");

  // Each instance's tree channel tells of both nodes' ends (the cancel reaches the other instance's listeners by a
  // notification, which may land after the cancel's own answer).
  for (const channel of [onA, onB]) {
    const statusesOf = (id: string) =>
      channel.heard
        .filter((f) => f.event === "arbor.node")
        .map((f) => (f.data as { node: NodeSummary }).node)
        .filter((n) => n.id === id)
        .map((n) => n.status);
    await expect.poll(() => statusesOf(first.id)).toEqual(["in_progress", "completed"]);
    await expect.poll(() => statusesOf(second.id)).toEqual(["in_progress", "cancelled"]);
  }
  onA.close();
  onB.close();
  // nginx spreads the rest: both instances answer for the same data.
  const lists = await Promise.all([1, 2, 3, 4].map(() => getJson<{ trees: Tree[] }>(`${balancer.url}/api/trees`)));
  for (const list of lists) expect(list.trees.map((t) => t.id)).toContain(tree.id);
});

test("an instance killed mid-stream: its node is settled within 10 s with every saved event, the other serves on, a restart duplicates nothing", async () => {
  const tree = await newTree("Killed owner");
  const running = await startNode(a, tree.id);
  await expect.poll(async () => (await events(b, running.id)).length, { timeout: 10_000 }).toBeGreaterThan(5);
  await a.kill();
  const killedAt = Date.now();
  expect(await running.stream).toBe("broken");
  await expect.poll(async () => (await node(b, running.id)).status, { timeout: 10_000, intervals: [200] }).not.toBe("in_progress");
  expect(Date.now() - killedAt).toBeLessThan(10_000);
  const settled = await node(b, running.id);
  expect(["failed", "incomplete"]).toContain(settled.status);
  const kept = await events(b, running.id);
  expect(kept.map((e) => e.seq)).toEqual(kept.map((_, i) => i));
  // The other instance keeps serving, through nginx too.
  expect((await fetch(`${b.url}/api/trees/${tree.id}`)).status).toBe(200);
  expect((await fetch(`${balancer.url}/api/trees/${tree.id}`)).status).toBe(200);

  await a.start();
  const after = await getJson<{ nodes: NodeSummary[] }>(`${a.url}/api/trees/${tree.id}`);
  expect(after.nodes.map((n) => n.id)).toEqual([running.id]);
  expect(await events(a, running.id)).toEqual(kept);
});

test("a background node survives every instance being killed and started again, and completes", async () => {
  const tree = await newTree("Background");
  const background = await startNode(a, tree.id, { params: { background: true } });
  await expect.poll(async () => (await events(b, background.id)).length, { timeout: 10_000 }).toBeGreaterThan(3);
  await Promise.all([a.kill(), b.kill()]);
  await a.start();
  await b.start();
  // Its status with its error, if any, so that a failure says why the node ended as it did.
  const outcome = async () => {
    const now = await node(a, background.id);
    return now.error ? `${now.status}: ${now.error.code} ${now.error.message}` : now.status;
  };
  await expect.poll(outcome, { timeout: 60_000, intervals: [500] }).toBe("completed");
  const finished = await node(b, background.id);
  expect(finished.outputPreview).toMatch(/offline-echo/);
  expect((await getJson<{ nodes: NodeSummary[] }>(`${balancer.url}/api/trees/${tree.id}`)).nodes).toHaveLength(1);
});

test("a stopped instance takes no new calls, lets a running node finish within its grace, and hands back one that would not", async () => {
  const tree = await newTree("Graceful stop");
  // A third instance, with a grace period of three seconds.
  const c = new Instance(3233, { DATABASE_URL: cluster.url, ARBOR_LEASE_TTL_MS: "60000", ARBOR_OFFLINE_TPS: "20", ARBOR_SHUTDOWN_GRACE_S: "3" }, app);
  await c.start();
  const short = await startNode(c, tree.id, { input: "Hi" });
  const long = await startNode(c, tree.id, { model: "offline-assistant", input: "Tell me a very long story about the history of trees, forests and the people who lived among them" });
  const stopping = c.stop();
  await expect.poll(async () => (await fetch(`${c.url}/api/ready`)).status, { timeout: 5_000 }).toBe(503);
  const refused = await post(`${c.url}/api/trees/${tree.id}/nodes`, { parentId: null, input: "One more" });
  expect(refused.status).toBe(503);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("shutting_down");
  expect(await short.stream).toBe("ended");
  expect((await node(b, short.id)).status).toBe("completed");
  await stopping;
  // The long one was handed back when the grace ran out: its lease (a minute long) was released, so another
  // instance settled it at once, with what had arrived.
  await expect.poll(async () => (await node(b, long.id)).status, { timeout: 5_000 }).toBe("failed");
  expect((await node(b, long.id)).outputPreview).not.toBe("");
});
