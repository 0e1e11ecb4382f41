#!/usr/bin/env node
// `npm run bench`: every row of the performance table (issue 15) for this build and a baseline build, side by side in
// one run. Both servers run at once; each round measures them one after the other (the order alternating), so a busy
// machine slows both alike. Cells are min / median / max over the rounds; ratios are taken within a round.
// Usage: npm run bench -- [--baseline DIR] [--rounds N] [--only server,browser]
//   --baseline: a checkout built with `npm run build` (default: $ARBOR_BENCH_BASELINE; without one, only this build).
//   --measures: which server rows to take (short,long,concurrent,depth,tree,start; default all).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { cpuMs, ensureBuild, median, post, root, rssMb, startServer, timeStream } from "./support.mjs";
import { browserRows } from "./browser-rows.mjs";

const { values: args } = parseArgs({
  options: { baseline: { type: "string" }, rounds: { type: "string", default: "3" }, only: { type: "string", default: "server,browser" }, measures: { type: "string", default: "short,long,concurrent,depth,tree,start" } },
});
const baselineRoot = args.baseline ?? process.env.ARBOR_BENCH_BASELINE ?? null;
const rounds = Number(args.rounds);
const only = new Set(args.only.split(","));
const measures = new Set(args.measures.split(","));
const PORT = Number(process.env.ARBOR_BENCH_PORT ?? 3710);
const env = { ARBOR_OFFLINE_TPS: "0", ARBOR_MAX_INPUT_BYTES: "5000000" };

ensureBuild(root);
if (baselineRoot) ensureBuild(baselineRoot);
const builds = [{ name: "now", appRoot: root, port: PORT }, ...(baselineRoot ? [{ name: "base", appRoot: path.resolve(baselineRoot), port: PORT + 1 }] : [])];

const direct = (server, input, encoding = "identity") =>
  timeStream(`${server.url}/api/offline/v1/responses`, { model: "offline-echo", input, stream: true }, { "accept-encoding": encoding });
const viaArbor = (server, treeId, input) => timeStream(`${server.url}/api/trees/${treeId}/nodes`, { parentId: null, input }, { accept: "text/event-stream" });

async function newTree(server, title, model = "offline-echo") {
  const answer = await (await post(`${server.url}/api/trees`, { title, model })).json();
  return answer.tree.id;
}

// ---- the measures: each takes one server and answers named figures for one round ----

async function shortCalls(server, ctx) {
  const calls = 12;
  const out = { direct: [], arbor: [], directCpu: 0, arborCpu: 0 };
  for (let half = 0; half < 2; half++) {
    let c0 = cpuMs(server.pid);
    for (let i = 0; i < calls / 2; i++) out.direct.push(await direct(server, "Benchmark question"));
    let c1 = cpuMs(server.pid);
    out.directCpu += c1 - c0;
    c0 = cpuMs(server.pid);
    for (let i = 0; i < calls / 2; i++) out.arbor.push(await viaArbor(server, ctx.shortTree, "Benchmark question"));
    c1 = cpuMs(server.pid);
    out.arborCpu += c1 - c0;
  }
  const m = (list, key) => median(list.map((r) => r[key]));
  return {
    "first byte": { direct: m(out.direct, "firstByte"), arbor: m(out.arbor, "firstByte") },
    "first provider event": { direct: m(out.direct, "firstEvent"), arbor: m(out.arbor, "firstEvent") },
    "total, short answer": { direct: m(out.direct, "total"), arbor: m(out.arbor, "total") },
    "server CPU per short call": { direct: out.directCpu / calls, arbor: out.arborCpu / calls },
  };
}

const LONG_INPUT = Array.from({ length: 5000 }, (_, i) => `w${i}`).join(" ");

async function longStream(server, ctx) {
  const c0 = cpuMs(server.pid);
  const identity = await direct(server, LONG_INPUT, "identity");
  const c1 = cpuMs(server.pid);
  const gzip = await direct(server, LONG_INPUT, "gzip");
  const c2 = cpuMs(server.pid);
  const arbor = await viaArbor(server, ctx.shortTree, LONG_INPUT);
  const c3 = cpuMs(server.pid);
  const rate = (r) => r.events / (r.total / 1000);
  return {
    "long answer, events/s (direct: identity)": { direct: rate(identity), arbor: rate(arbor), events: arbor.events },
    "long answer, events/s (direct: gzip)": { direct: rate(gzip), arbor: rate(arbor) },
    "Arbor's own CPU per forwarded event (µs)": { direct: ((c1 - c0) * 1000) / identity.events, arbor: ((c3 - c2 - (c1 - c0)) * 1000) / arbor.events, gzipCpu: c2 - c1 },
  };
}

async function concurrent(server, ctx) {
  const n = 100;
  let t0 = performance.now();
  await Promise.all(Array.from({ length: n }, () => direct(server, "Concurrent question")));
  const directRate = n / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  await Promise.all(Array.from({ length: n }, () => viaArbor(server, ctx.concurrentTree, "Concurrent question")));
  const arborRate = n / ((performance.now() - t0) / 1000);
  return { "100 concurrent streams, nodes/s": { direct: directRate, arbor: arborRate } };
}

const DEPTH = 400;
// offline-assistant answers arithmetic the same at any depth (offline-echo lists the whole chain, so its answer grows).
const DEPTH_MODEL = "offline-assistant";
const DEPTH_INPUT = "What is 6*7?";

async function buildChain(server) {
  const treeId = await newTree(server, "deep chain", DEPTH_MODEL);
  const nodes = [];
  let parentId = null;
  for (let i = 0; i < DEPTH; i++) {
    const answer = await (await post(`${server.url}/api/trees/${treeId}/nodes`, { parentId, input: DEPTH_INPUT })).json();
    if (!answer.node) throw new Error(`chain node ${i}: ${JSON.stringify(answer)}`);
    nodes.push(answer.node);
    parentId = answer.node.id;
  }
  return { treeId, shallow: nodes[0], deep: nodes.at(-1) };
}

async function depth(server, ctx) {
  const { treeId, shallow, deep } = ctx.chain;
  const timeArbor = async (parent) => {
    const t0 = performance.now();
    const answer = await (await post(`${server.url}/api/trees/${treeId}/nodes`, { parentId: parent.id, input: DEPTH_INPUT })).json();
    if (answer.node?.status !== "completed") throw new Error(`depth node: ${JSON.stringify(answer).slice(0, 300)}`);
    return performance.now() - t0;
  };
  const timeDirect = async (parent) => {
    const t0 = performance.now();
    const r = await post(`${server.url}/api/offline/v1/responses`, { model: DEPTH_MODEL, input: DEPTH_INPUT, previous_response_id: parent.responseId }, { "accept-encoding": "identity" });
    if (!r.ok) throw new Error(`direct depth: ${await r.text()}`);
    await r.arrayBuffer();
    return performance.now() - t0;
  };
  const samples = { a1: [], a400: [], d1: [], d400: [] };
  for (let i = 0; i < 5; i++) {
    samples.d1.push(await timeDirect(shallow));
    samples.d400.push(await timeDirect(deep));
    samples.a1.push(await timeArbor(shallow));
    samples.a400.push(await timeArbor(deep));
  }
  return {
    [`create a node at depth ${DEPTH}, ms`]: { direct: median(samples.d400), arbor: median(samples.a400) },
    "create a node at depth 1, ms": { direct: median(samples.d1), arbor: median(samples.a1) },
    [`depth ${DEPTH} vs depth 1 (x)`]: { direct: median(samples.d400) / median(samples.d1), arbor: median(samples.a400) / median(samples.a1) },
  };
}

const BIG = 10_000;

/** A 10,000-node tree made of copies of one real node (its request and response as the offline engine wrote them). */
async function importBigTree(server, count = BIG) {
  const treeId = await newTree(server, "sample");
  await (await post(`${server.url}/api/trees/${treeId}/nodes`, { parentId: null, input: "A question of ordinary length about the thing" })).json();
  const exported = await (await fetch(`${server.url}/api/trees/${treeId}/export`)).json();
  const sample = exported.nodes[0];
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const nodes = Array.from({ length: count }, (_, i) => ({
    ...sample,
    id: `n${i}`,
    parentId: i === 0 ? null : `n${Math.max(0, i - 1 - Math.floor(random() * Math.min(i, 12)))}`,
    responseId: null,
    createdAt: new Date(Date.UTC(2025, 0, 1) + i).toISOString(),
  }));
  const r = await post(`${server.url}/api/trees/import`, { data: { ...exported, tree: { ...exported.tree, title: `${count} nodes` }, nodes } });
  const answer = await r.json();
  if (!r.ok) throw new Error(`import: ${JSON.stringify(answer).slice(0, 300)}`);
  return answer.tree?.id ?? answer.treeId;
}

async function bigTree(server, ctx) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = await fetch(`${server.url}/api/trees/${ctx.bigTree}`, { headers: { "accept-encoding": "identity" } });
    bytes = (await r.arrayBuffer()).byteLength;
    times.push(performance.now() - t0);
  }
  const packedTimes = [];
  let packedBytes = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    // A build without the packed view answers the plain one: its figures are then the plain ones.
    const r = await fetch(`${server.url}/api/trees/${ctx.bigTree}?view=packed`, { headers: { "accept-encoding": "identity" } });
    packedBytes = (await r.arrayBuffer()).byteLength;
    packedTimes.push(performance.now() - t0);
  }
  return {
    [`GET /api/trees/:id, ${BIG} nodes, ms`]: { arbor: median(times) },
    "GET /api/trees/:id, bytes per node": { arbor: bytes / BIG },
    [`GET /api/trees/:id?view=packed (the browser's), ${BIG} nodes, ms`]: { arbor: median(packedTimes) },
    "GET /api/trees/:id?view=packed, bytes per node": { arbor: packedBytes / BIG },
  };
}

async function firstStart(build, port) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "arbor-bench-fresh-"));
  const server = await startServer({ port, appRoot: build.appRoot, dataDir, env, readyPath: "/api/ready", pollMs: 20 });
  const mem = rssMb(server.pid);
  await server.stop();
  // The same data directory again: what a first start should match.
  const again = await startServer({ port, appRoot: build.appRoot, dataDir, env, readyPath: "/api/ready", pollMs: 20 });
  const memAgain = rssMb(again.pid);
  await again.stop();
  return {
    "first start: ready, ms": { arbor: server.readyMs },
    "first start: RSS at ready, MB": { arbor: mem.rss },
    "first start: peak RSS, MB": { arbor: mem.peak },
    "restart (same data dir): ready, ms": { arbor: again.readyMs },
    "restart: RSS at ready, MB": { arbor: memAgain.rss },
  };
}

// ---- the run ----

const servers = [];
try {
  for (const build of builds) {
    const server = await startServer({ port: build.port, appRoot: build.appRoot, env });
    servers.push({ ...build, server, ctx: {} });
  }
  const results = []; // results[round][build] = { row: {direct, arbor} }
  if (only.has("server")) {
    console.log(`Setting up (${builds.map((b) => b.name).join(", ")}): trees, a ${DEPTH}-node chain, a ${BIG}-node import…`);
    await Promise.all(
      servers.map(async (s) => {
        s.ctx.shortTree = await newTree(s.server, "short");
        s.ctx.concurrentTree = await newTree(s.server, "concurrent");
        if (measures.has("depth")) s.ctx.chain = await buildChain(s.server);
        if (measures.has("tree")) s.ctx.bigTree = await importBigTree(s.server);
        for (let i = 0; i < 5; i++) await Promise.all([direct(s.server, "warm up"), viaArbor(s.server, s.ctx.shortTree, "warm up")]);
      }),
    );
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? servers : [...servers].reverse();
      const figures = {};
      const chosen = { short: shortCalls, long: longStream, concurrent, depth, tree: bigTree };
      for (const [key, measure] of Object.entries(chosen)) {
        if (!measures.has(key)) continue;
        for (const s of order) figures[s.name] = { ...figures[s.name], ...(await measure(s.server, s.ctx)) };
      }
      if (measures.has("start")) for (const [i, s] of order.entries()) figures[s.name] = { ...figures[s.name], ...(await firstStart(s, PORT + 4 + i)) };
      results.push(figures);
      console.log(`round ${round + 1}/${rounds} done`);
    }
    printTable(results, "Server (offline engine, ARBOR_OFFLINE_TPS=0, PGlite)");
  }
  if (only.has("browser")) {
    const browserResults = await browserRows(servers, { rounds, importTree: importBigTree, post });
    printTable(browserResults, "Browser (Chromium, 1440×900)");
  }
} finally {
  await Promise.all(servers.map((s) => s.server.stop()));
}

function printTable(results, title) {
  const names = servers.map((s) => s.name);
  const rows = Object.keys(results[0][names[0]]);
  const stat = (values) => {
    const v = values.filter((x) => Number.isFinite(x));
    if (v.length === 0) return "–";
    const f = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
    return `${f(Math.min(...v))} / ${f(median(v))} / ${f(Math.max(...v))}`;
  };
  const cells = (name, row, key) => results.map((r) => r[name]?.[row]?.[key]);
  const ratio = (name, row) => results.map((r) => r[name]?.[row]?.arbor / r[name]?.[row]?.direct);
  const header = ["measure (min / median / max)", "direct (now)", ...names.map((n) => `Arbor ${n}`), ...names.map((n) => `Arbor/direct ${n}`)];
  if (names.includes("base")) header.push("now/base");
  const lines = [header];
  for (const row of rows) {
    const line = [row, stat(cells("now", row, "direct")), ...names.map((n) => stat(cells(n, row, "arbor"))), ...names.map((n) => stat(ratio(n, row)))];
    if (names.includes("base")) line.push(stat(results.map((r) => r.now?.[row]?.arbor / r.base?.[row]?.arbor)));
    lines.push(line);
  }
  console.log(`\n${title}, ${results.length} rounds\n`);
  console.log(`| ${lines[0].join(" | ")} |`);
  console.log(`|${lines[0].map(() => "---").join("|")}|`);
  for (const line of lines.slice(1)) console.log(`| ${line.join(" | ")} |`);
}
