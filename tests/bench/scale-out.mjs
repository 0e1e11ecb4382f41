#!/usr/bin/env node
// 200 concurrent streamed nodes across two instances of the standalone server on one throwaway PostgreSQL: events
// lost (the stored count against what each client received), first byte and first provider event (p50/p95), total
// time, and each instance's peak memory. Figures are printed, nothing is asserted.
// Usage: npm run bench:scale [-- nodes=200 tps=100]   (needs a build: npm run build)
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startCluster } from "../unit/support/pg-cluster.ts";
import { ensureBuild, fmt, percentile, root } from "./support.mjs";

const count = Number(process.argv[2] ?? 200);
const tps = process.argv[3] ?? "100";
ensureBuild();

const cluster = startCluster();
const app = mkdtempSync(path.join(tmpdir(), "arbor-bench-app-"));
cpSync(path.join(root, ".next", "standalone"), app, { recursive: true });

function startInstance(port) {
  const child = spawn(process.execPath, ["arbor-server.mjs"], {
    cwd: app,
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), DATABASE_URL: cluster.url, ARBOR_OFFLINE_TPS: tps, ARBOR_EXAMPLE_TREE: "off", ARBOR_LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return { child, url: `http://127.0.0.1:${port}`, peakRssMb: 0 };
}

async function ready(instance) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${instance.url}/api/ready`)).ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${instance.url} did not start`);
}

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

const instances = [startInstance(3341), startInstance(3342)];
try {
  await Promise.all(instances.map(ready));
  const sampler = setInterval(() => {
    for (const i of instances) i.peakRssMb = Math.max(i.peakRssMb, rssMb(i.child.pid));
  }, 100);
  const tree = (await (await fetch(`${instances[0].url}/api/trees`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "offline-echo" }) })).json()).tree;

  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const instance = instances[i % 2];
      const t0 = performance.now();
      const response = await fetch(`${instance.url}/api/trees/${tree.id}/nodes`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "text/event-stream" },
        body: JSON.stringify({ parentId: null, input: `Question ${i}: tell me about trees` }),
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let firstByte = null;
      let firstEvent = null;
      let buffer = "";
      let received = 0;
      let nodeId = null;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        firstByte ??= performance.now() - t0;
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          if (event === "arbor.node") nodeId = JSON.parse(/^data: (.*)$/m.exec(frame)[1]).node.id;
          else if (event && event !== "arbor.done") {
            firstEvent ??= performance.now() - t0;
            received += 1;
          }
        }
      }
      return { instance, nodeId, firstByte, firstEvent, total: performance.now() - t0, received };
    }),
  );
  const wall = performance.now() - started;
  clearInterval(sampler);

  let lost = 0;
  let stored = 0;
  let failed = 0;
  for (const r of results) {
    const detail = await (await fetch(`${r.instance.url}/api/nodes/${r.nodeId}`)).json();
    if (detail.node.status !== "completed") failed += 1;
    const events = (await (await fetch(`${r.instance.url}/api/nodes/${r.nodeId}/events`)).json()).events;
    stored += events.length;
    lost += Math.abs(events.length - r.received);
  }
  const pick = (key) => results.map((r) => r[key]).filter((v) => v !== null);
  console.log(`${count} concurrent streamed nodes over 2 instances on one PostgreSQL (offline-echo, ${tps} tokens/s), ${(wall / 1000).toFixed(2)} s wall, ${(count / (wall / 1000)).toFixed(1)} nodes/s`);
  console.log(`events: ${stored} stored, ${results.reduce((n, r) => n + r.received, 0)} received by the clients, ${lost} lost; ${failed} nodes not completed`);
  for (const key of ["firstByte", "firstEvent", "total"]) {
    const values = pick(key);
    console.log(`${key.padEnd(11)} p50 ${fmt(percentile(values, 50))}  p95 ${fmt(percentile(values, 95))}  max ${fmt(Math.max(...values))}`);
  }
  console.log(`peak memory: instance A ${instances[0].peakRssMb.toFixed(0)} MB, instance B ${instances[1].peakRssMb.toFixed(0)} MB (RSS)`);
} finally {
  for (const i of instances) i.child.kill("SIGKILL");
  cluster.destroy();
  rmSync(app, { recursive: true, force: true });
}
