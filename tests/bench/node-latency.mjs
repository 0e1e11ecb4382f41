#!/usr/bin/env node
// Proxy overhead: a streamed node through POST /api/trees/:id/nodes versus the offline engine called directly,
// in the same run, interleaved. Prints p50/p95 of time to first byte, to the provider's first event, and total.
// Usage: node tests/bench/node-latency.mjs [calls=60]
import { ensureBuild, fmt, percentile, startServer, timeStream } from "./support.mjs";

const calls = Number(process.argv[2] ?? 60);
ensureBuild();
const server = await startServer({ port: 3310, env: { ARBOR_OFFLINE_TPS: "0" } });

try {
  const tree = await (await fetch(`${server.url}/api/trees`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "bench", model: "offline-echo" }) })).json();
  const direct = () => timeStream(`${server.url}/api/offline/v1/responses`, { model: "offline-echo", input: "Benchmark question", stream: true }, {});
  const proxy = () =>
    timeStream(`${server.url}/api/trees/${tree.tree.id}/nodes`, { parentId: null, input: "Benchmark question" }, { accept: "text/event-stream" });

  for (let i = 0; i < 5; i++) await Promise.all([direct(), proxy()]).catch((e) => { throw e; }); // warm up both paths
  const results = { direct: [], proxy: [] };
  for (let i = 0; i < calls; i++) {
    results.direct.push(await direct());
    results.proxy.push(await proxy());
  }

  console.log(`\nStreamed node, ${calls} calls each, offline-echo, pacing off (ARBOR_OFFLINE_TPS=0), 127.0.0.1`);
  console.log(`${"".padEnd(34)}${"p50".padStart(11)}${"p95".padStart(11)}`);
  const row = (label, values) => console.log(`${label.padEnd(34)}${fmt(percentile(values, 50))}${fmt(percentile(values, 95))}`);
  for (const key of ["firstByte", "firstEvent", "total"]) {
    row(`direct engine  ${key}`, results.direct.map((r) => r[key]));
    row(`through Arbor  ${key}`, results.proxy.map((r) => r[key]));
  }
  const overhead = (key, p) => percentile(results.proxy.map((r) => r[key]), p) - percentile(results.direct.map((r) => r[key]), p);
  console.log(`\nOverhead at first provider event: p50 ${overhead("firstEvent", 50).toFixed(2)} ms, p95 ${overhead("firstEvent", 95).toFixed(2)} ms`);
  console.log(`Overhead in total time:           p50 ${overhead("total", 50).toFixed(2)} ms, p95 ${overhead("total", 95).toFixed(2)} ms`);
  console.log("(Arbor's first byte is its own arbor.node frame, sent once the node is saved, before the provider answers.)");
} finally {
  await server.stop();
}
