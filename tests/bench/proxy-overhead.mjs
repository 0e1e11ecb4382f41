#!/usr/bin/env node
// Recording proxy overhead: the same Responses call sent to a provider directly and through the recording proxy
// (/api/v1, which forwards it to that provider and records it), in one run, interleaved and repeated. The provider
// is the offline engine of a second Arbor process, as a real provider runs elsewhere: the proxy's process then does
// the forwarding and the recording, and nothing else.
// Prints time to first byte (p50/p95 of each, and of the per-pair difference), the streaming throughput of a long
// answer through the proxy as a ratio of direct (pair by pair, and of the medians), and how long after the client's
// last byte each recording was saved.
// Targets: first byte p50 < 3 ms and p95 < 10 ms more than direct; throughput >= 0.95 of direct.
// Usage: node tests/bench/proxy-overhead.mjs [calls=100] [longCalls=20]
import { ensureBuild, fmt, median, percentile, startServer } from "./support.mjs";

const calls = Number(process.argv[2] ?? 100);
const longCalls = Number(process.argv[3] ?? 20);
const port = Number(process.env.ARBOR_BENCH_PORT ?? 3311);
ensureBuild();
const provider = await startServer({ port, env: { ARBOR_OFFLINE_TPS: "0" } });
// ARBOR_BENCH_CPU_PROF=<dir> writes a CPU profile of the proxy's process there when it stops.
const profileDir = process.env.ARBOR_BENCH_CPU_PROF;
const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
const server = await startServer({ port: port + 1, env: { ARBOR_OFFLINE_BASE_URL: `${provider.url}/api/offline/v1` }, nodeArgs }).catch(async (err) => {
  await provider.stop();
  throw err;
});

let resets = 0;

/** Stream one call: when the first byte arrived, when the last did, and how many bytes came. */
async function timeStream(url, body) {
  const t0 = performance.now();
  const send = () =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer bench", "x-arbor-tree": "Proxy bench" },
      body: JSON.stringify(body),
    });
  // A kept-alive connection the server has just closed fails before any answer: send again once (and say so).
  const response = await send().catch((err) => {
    if (err?.cause?.code !== "ECONNRESET") throw err;
    resets += 1;
    return send();
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  const reader = response.body.getReader();
  let firstByte = null;
  let bytes = 0;
  let tail = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    firstByte ??= performance.now() - t0;
    bytes += value.byteLength;
    tail = (tail + new TextDecoder().decode(value.subarray(-64))).slice(-64);
  }
  if (!tail.includes("[DONE]")) throw new Error(`the stream of ${url} did not end with [DONE]`);
  return { firstByte, total: performance.now() - t0, bytes };
}

const direct = `${provider.url}/api/offline/v1/responses`;
const proxied = `${server.url}/api/v1/responses`;
// store: false keeps both paths from growing the engine's tables; the proxy records a node either way.
const short = { model: "offline-echo", input: "Benchmark question", stream: true, store: false };
// offline-echo quotes the last user message: 20,000 words come back as 20,000 delta events (several MB of SSE).
const long = { ...short, input: Array.from({ length: 20_000 }, (_, i) => `word${i % 100}`).join(" ") };

let treeId = null;
let recorded = 0;
/** Wait until the proxy has saved every call so far (so no recording runs under the next measurement). */
async function recordingsSaved() {
  recorded += 1;
  const t0 = performance.now();
  for (;;) {
    treeId ??= (await (await fetch(`${server.url}/api/trees`)).json()).trees.find((t) => t.title === "Proxy bench")?.id ?? null;
    const nodes = treeId ? (await (await fetch(`${server.url}/api/trees/${treeId}`)).json()).nodes : [];
    if (nodes.length >= recorded && nodes.every((n) => n.status !== "in_progress")) return performance.now() - t0;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The same call both ways, the order alternating with `i` so neither always runs on a warmer process. */
async function pair(i, body) {
  if (i % 2 === 0) {
    const d = await timeStream(direct, body);
    const p = await timeStream(proxied, body);
    return { d, p, savedAfter: await recordingsSaved() };
  }
  const p = await timeStream(proxied, body);
  // The proxy's recording goes on after its client's last byte: it is saved before the direct call is timed, so its
  // work never falls on the direct call.
  const savedAfter = await recordingsSaved();
  const d = await timeStream(direct, body);
  return { d, p, savedAfter };
}

try {
  for (let i = 0; i < 10; i++) await pair(i, short); // warm up
  const firstByte = { direct: [], proxy: [], diff: [] };
  for (let i = 0; i < calls; i++) {
    const { d, p } = await pair(i, short);
    firstByte.direct.push(d.firstByte);
    firstByte.proxy.push(p.firstByte);
    firstByte.diff.push(p.firstByte - d.firstByte);
  }
  const throughput = { direct: [], proxy: [] };
  const savedAfter = [];
  let longBytes = 0;
  for (let i = 0; i < longCalls; i++) {
    const { d, p, savedAfter: after } = await pair(i, long);
    savedAfter.push(after);
    longBytes = d.bytes;
    throughput.direct.push(d.bytes / (d.total - d.firstByte));
    throughput.proxy.push(p.bytes / (p.total - p.firstByte));
  }

  console.log(`\nRecording proxy vs the offline engine directly, ${calls} short calls and ${longCalls} long ones each, interleaved, 127.0.0.1`);
  console.log(`${"time to first byte".padEnd(34)}${"p50".padStart(11)}${"p95".padStart(11)}`);
  const row = (label, values) => console.log(`${label.padEnd(34)}${fmt(percentile(values, 50))}${fmt(percentile(values, 95))}`);
  row("direct to the engine", firstByte.direct);
  row("through /api/v1", firstByte.proxy);
  row("difference, pair by pair", firstByte.diff);
  const over = (p) => percentile(firstByte.proxy, p) - percentile(firstByte.direct, p);
  const verdict = (met) => (met ? "MET" : "NOT MET");
  console.log(`\nFirst byte overhead p50 ${over(50).toFixed(2)} ms (target < 3): ${verdict(over(50) < 3)}`);
  console.log(`First byte overhead p95 ${over(95).toFixed(2)} ms (target < 10): ${verdict(over(95) < 10)}`);
  const ratioOfMedians = median(throughput.proxy) / median(throughput.direct);
  // Each long call through the proxy against the direct one next to it: a slow moment of the machine falls on both.
  const pairRatios = throughput.proxy.map((p, i) => p / throughput.direct[i]);
  const ratio = median(pairRatios);
  console.log(
    `Streaming throughput (${(longBytes / 1e6).toFixed(1)} MB answers, median): direct ${(median(throughput.direct) / 1e3).toFixed(0)} MB/s, ` +
      `proxy ${(median(throughput.proxy) / 1e3).toFixed(0)} MB/s, ratio of the medians ${ratioOfMedians.toFixed(3)}`,
  );
  console.log(
    `Streaming throughput ratio, pair by pair: min ${Math.min(...pairRatios).toFixed(3)}, median ${ratio.toFixed(3)}, max ${Math.max(...pairRatios).toFixed(3)} ` +
      `(target: median >= 0.95): ${verdict(ratio >= 0.95)}`,
  );
  if (resets > 0) console.log(`(${resets} calls were sent again after a reset connection before any answer)`);
  console.log(`A long answer's recording was saved ${median(savedAfter).toFixed(0)} ms (median) after the client's last byte`);
} finally {
  await server.stop();
  await provider.stop();
}
