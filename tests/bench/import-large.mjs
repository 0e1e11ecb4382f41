#!/usr/bin/env node
// A 20,000-node import (about 15 MB) into a running Arbor on PGlite, while another client asks /api/health every 25 ms:
// how long the import takes, and how long the other client waits meanwhile (the import must not block the server).
// Usage: node tests/bench/import-large.mjs [nodes=20000]
import { ensureBuild, fmt, percentile, startServer } from "./support.mjs";

const count = Number(process.argv[2] ?? 20000);
ensureBuild();
const server = await startServer({ port: 3312, env: { ARBOR_MAX_INPUT_BYTES: "1000000" } });
try {
  const padding = "x".repeat(600);
  const nodes = Array.from({ length: count }, (_, i) => ({
    id: `n${i}`,
    parentId: i === 0 ? null : `n${Math.max(0, i - 1 - (i % 7))}`,
    providerId: "offline",
    model: "offline-echo",
    input: [{ type: "message", role: "user", content: [{ type: "input_text", text: `Question ${i} ${padding}` }] }],
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
    createdAt: new Date(Date.UTC(2025, 0, 1) + i).toISOString(),
  }));
  const body = JSON.stringify({ data: { format: "arbor.tree", version: 1, tree: { title: "Big import", providerId: "offline", model: "offline-echo" }, nodes } });

  let importing = true;
  const waits = [];
  const ping = (async () => {
    while (importing) {
      const started = performance.now();
      await fetch(`${server.url}/api/health`);
      waits.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const started = performance.now();
  const response = await fetch(`${server.url}/api/trees/import`, { method: "POST", headers: { "content-type": "application/json" }, body });
  const took = performance.now() - started;
  importing = false;
  await ping;
  const answer = await response.json();
  console.log(`import of ${count} nodes (${(body.length / 1024 / 1024).toFixed(1)} MB): HTTP ${response.status}, ${answer.nodeCount ?? answer.error?.message} nodes, ${fmt(took)}`);
  console.log(`/api/health during the import (${waits.length} requests): p50 ${fmt(percentile(waits, 50))}  p95 ${fmt(percentile(waits, 95))}  max ${fmt(Math.max(...waits))}`);
} finally {
  await server.stop();
}
