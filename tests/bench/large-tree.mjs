#!/usr/bin/env node
// A 2,000-node tree in Chromium: time from navigation to the first painted graph node, and to the first pan that moves
// the viewport. The tree is written straight into a fresh PGlite (after the app has migrated it), then served.
// Usage: node tests/bench/large-tree.mjs [nodes=2000] [runs=5]
import { PGlite } from "@electric-sql/pglite";
import { chromium } from "@playwright/test";
import path from "node:path";
import { ensureBuild, fmt, percentile, startServer } from "./support.mjs";

const count = Number(process.argv[2] ?? 2000);
const runs = Number(process.argv[3] ?? 5);
ensureBuild();

// 1. Let the app create and migrate its database, then stop it so this process can open PGlite alone.
let server = await startServer({ port: 3311 });
const dataDir = server.dataDir;
await server.stop();

// 2. Seed: a random tree, each node a child of an earlier one (mostly recent ones, so branches grow deep and wide).
const db = new PGlite(path.join(dataDir, "pglite"));
const treeId = "bench2000tree";
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
await db.transaction(async (tx) => {
  await tx.query("insert into trees (id, title, provider_id, model) values ($1, $2, 'offline', 'offline-echo')", [treeId, `${count} nodes`]);
  for (let i = 0; i < count; i++) {
    const parent = i === 0 ? null : `n${Math.max(0, i - 1 - Math.floor(random() * Math.min(i, 12)))}`;
    const input = [{ type: "message", role: "user", content: [{ type: "input_text", text: `Question ${i}` }] }];
    await tx.query(
      `insert into nodes (id, tree_id, parent_id, provider_id, model, input, status, context_mode, input_preview, output_preview, item_types, usage, created_at)
       values ($1, $2, $3, 'offline', 'offline-echo', $4, 'completed', 'chain', $5, $6, '["message"]', $7, now() + ($8 || ' milliseconds')::interval)`,
      [`n${i}`, treeId, parent, JSON.stringify(input), `Question ${i}`, `Answer number ${i} with a first line`, JSON.stringify({ total_tokens: 40 + i }), String(i)],
    );
  }
});
await db.close();

// 3. Serve it and measure in Chromium.
server = await startServer({ port: 3311, dataDir });
const browser = await chromium.launch({
  executablePath: process.env.ARBOR_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const paints = [];
  const pans = [];
  for (let run = 0; run < runs + 1; run++) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // ARBOR_BENCH_PROFILE=1: a CPU profile of the last run's page, up to the first paint, summed by function.
    const profiling = process.env.ARBOR_BENCH_PROFILE === "1" && run === runs;
    const cdp = profiling ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }
    // ARBOR_BENCH_TRACE=1: a Chromium trace of the last run up to the first paint, its main thread's work by kind.
    const tracing = process.env.ARBOR_BENCH_TRACE === "1" && run === runs;
    if (tracing) await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink"] });
    // The main thread's long tasks (over 50 ms), from navigation to the pan, to say what the page was busy with.
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => [Math.round(e.startTime), Math.round(e.duration)]))).observe({ type: "longtask", buffered: true });
    });
    await page.goto(`${server.url}/t/${treeId}`, { waitUntil: "commit" });
    await page.locator('[data-testid="graph-node"]').first().waitFor({ state: "visible", timeout: 60_000 });
    if (tracing) printTrace(JSON.parse((await browser.stopTracing()).toString("utf8")));
    const painted = await page.evaluate(() => performance.now());
    if (cdp) printProfile((await cdp.send("Profiler.stop")).profile);
    const viewport = page.locator(".react-flow__viewport");
    const before = await viewport.evaluate((el) => getComputedStyle(el).transform);
    const pane = await page.locator(".react-flow__pane").boundingBox();
    const x = pane.x + pane.width / 2;
    const y = pane.y + pane.height - 40;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 120, y - 60, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction((t) => getComputedStyle(document.querySelector(".react-flow__viewport")).transform !== t, before);
    const panned = await page.evaluate(() => performance.now());
    const rendered = await page.locator('[data-testid="graph-node"]').count();
    const stages = await page.evaluate((id) => {
      const nav = performance.getEntriesByType("navigation")[0];
      const reads = performance.getEntriesByType("resource").filter((r) => new URL(r.name).pathname === `/api/trees/${id}`);
      const api = reads[0];
      return { longTasks: window.__longTasks ?? [], dcl: nav?.domContentLoadedEventEnd ?? 0, apiStart: api?.startTime ?? 0, apiEnd: api?.responseEnd ?? 0, apiBytes: api?.encodedBodySize ?? 0, reads: reads.length };
    }, treeId);
    if (run > 0) {
      // run 0 warms the server's caches and is not counted
      paints.push(painted);
      pans.push(panned);
      console.log(`run ${run}: first graph paint ${fmt(painted)}, panned ${fmt(panned)} (${rendered} node cards in the DOM)`);
      console.log(`        DOMContentLoaded ${fmt(stages.dcl)}, tree JSON ${fmt(stages.apiStart)} -> ${fmt(stages.apiEnd)} (${(stages.apiBytes / 1024).toFixed(0)} KiB, read ${stages.reads} time${stages.reads === 1 ? "" : "s"})`);
      console.log(`        long tasks (start+ms): ${stages.longTasks.map(([start, ms]) => `${start}+${ms}`).join(" ") || "none"}`);
    }
    await page.close();
  }
  console.log(`\n${count}-node tree, ${runs} runs, 1440×900, times from navigation start`);
  console.log(`first graph paint   p50 ${fmt(percentile(paints, 50))}   max ${fmt(Math.max(...paints))}`);
  console.log(`interactive (pan)   p50 ${fmt(percentile(pans, 50))}   max ${fmt(Math.max(...pans))}`);
} finally {
  await browser.close();
  await server.stop();
}

/** The functions that took the most CPU (self time) in a V8 profile, with where they are. */
function printProfile(profile) {
  const self = new Map();
  const dt = new Map();
  for (const [i, id] of profile.samples.entries()) dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || "(anonymous)"} ${url.split("/").pop()}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt.get(node.id) ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`CPU profile to first paint: ${fmt(total)} sampled; top self time:`);
  for (const [key, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${fmt(ms)}  ${key}`);
}

/** The renderer main thread's work in a trace, summed by event name (complete events, nested ones counted apart). */
function printTrace(trace) {
  const events = trace.traceEvents ?? trace;
  // The page's renderer is the main thread with the most work (the blank page before navigation had its own).
  const mains = events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`);
  const work = (key) => events.filter((e) => `${e.pid}:${e.tid}` === key && e.ph === "X" && e.name === "RunTask").reduce((sum, e) => sum + (e.dur ?? 0), 0);
  const main = mains.sort((a, b) => work(b) - work(a))[0];
  if (!main) return console.log("trace: no renderer main thread");
  const byName = new Map();
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main || e.ph !== "X" || !e.dur) continue;
    byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
  }
  console.log("Chromium main thread to first paint, by event (nested events overlap their parents):");
  for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${fmt(ms)}  ${name}`);
}
