#!/usr/bin/env node
// Large trees in Chromium, Arbor against a bare React Flow page on the same tree in the same run (./bare-flow): time
// from navigation to the first painted node, to the first pan that moves the viewport ("interactive"), and frames per
// second while the user keeps panning (with the longest gap between two frames). Runs alternate between the two
// pages; the first run of each size warms the server and is not counted. Each tree is written straight into a fresh
// PGlite (after the app has migrated it), then served.
// Targets (issue 15): interactive in < 600 ms at 2,000 nodes, < 1 s at 10,000, < 2.5 s at 50,000; >= 55 fps panning.
// Usage: node tests/bench/large-tree.mjs [sizes=2000,10000,50000] [runs=4] (an even count: each page goes first as often)
//   ARBOR_BENCH_PROFILE=1 / ARBOR_BENCH_TRACE=1: a CPU profile / Chromium trace of Arbor's last run to its first paint.
import { PGlite } from "@electric-sql/pglite";
import { chromium } from "@playwright/test";
import path from "node:path";
import { serveBarePage } from "./bare-flow.mjs";
import { ensureBuild, firstPan, fmt, median, startServer } from "./support.mjs";

const sizes = String(process.argv[2] ?? "2000,10000,50000").split(",").map(Number);
const runs = Number(process.argv[3] ?? 4);
/** A profiled or traced run is an extra one at the end, not counted (the profiler slows the page). */
const diagnose = process.env.ARBOR_BENCH_PROFILE === "1" || process.env.ARBOR_BENCH_TRACE === "1";
const PORT = Number(process.env.ARBOR_BENCH_PORT ?? 3311);
const PAN_MS = 1500;
ensureBuild();

/** A random tree, each node a child of an earlier one (mostly recent ones, so branches grow deep and wide). */
function randomTree(count) {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, (_, i) => ({ id: `n${i}`, parentId: i === 0 ? null : `n${Math.max(0, i - 1 - Math.floor(random() * Math.min(i, 12)))}`, label: `Question ${i}` }));
}

/** A fresh Arbor data directory holding `list` as one tree; answers the directory and the tree's id. */
async function seedArbor(list) {
  const migrated = await startServer({ port: PORT });
  await migrated.stop();
  const db = new PGlite(path.join(migrated.dataDir, "pglite"));
  const treeId = `bench${list.length}tree`;
  await db.query("insert into trees (id, title, provider_id, model) values ($1, $2, 'offline', 'offline-echo')", [treeId, `${list.length} nodes`]);
  // One statement for the whole tree: its ids and parents as arrays, the rest made by the database.
  await db.query(
    `insert into nodes (id, tree_id, parent_id, provider_id, model, input, status, context_mode, input_preview, output_preview, item_types, usage, created_at)
     select id, $1, parent_id, 'offline', 'offline-echo',
            jsonb_build_array(jsonb_build_object('type', 'message', 'role', 'user', 'content', jsonb_build_array(jsonb_build_object('type', 'input_text', 'text', 'Question ' || i)))),
            'completed', 'chain', 'Question ' || i, 'Answer number ' || i || ' with a first line', '["message"]',
            jsonb_build_object('total_tokens', 40 + i), now() + (i || ' milliseconds')::interval
     from unnest($2::text[], $3::text[]) with ordinality as t(id, parent_id, n), lateral (select n - 1 as i) as k`,
    [treeId, list.map((n) => n.id), list.map((n) => n.parentId)],
  );
  await db.close();
  return { dataDir: migrated.dataDir, treeId };
}

/** Open `url` and time it: first painted node, first pan, then fps and the longest frame gap while panning. */
async function measure(browser, url, nodeSelector, { profile = false, trace = false } = {}) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    // The main thread's long tasks (over 50 ms), from navigation to the pan, to say what the page was busy with.
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => [Math.round(e.startTime), Math.round(e.duration)]))).observe({ type: "longtask", buffered: true });
    });
    const cdp = profile ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }
    if (trace) await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink"] });
    await page.goto(url, { waitUntil: "commit" });
    await page.locator(nodeSelector).first().waitFor({ state: "visible", timeout: 120_000 });
    const painted = await page.evaluate(() => performance.now());
    if (trace) printTrace(JSON.parse((await browser.stopTracing()).toString("utf8")));
    if (cdp) printProfile((await cdp.send("Profiler.stop")).profile);
    const { x, y } = await firstPan(page);
    const panned = await page.evaluate(() => performance.now());
    const longTasks = await page.evaluate(() => window.__longTasks);
    const rendered = await page.locator(nodeSelector).count();

    // Keep panning for PAN_MS, counting the frames the page draws meanwhile.
    await page.evaluate(() => {
      const frames = (window.__frames = { count: 0, last: performance.now(), worst: 0, start: performance.now() });
      const tick = (now) => {
        frames.count += 1;
        frames.worst = Math.max(frames.worst, now - frames.last);
        frames.last = now;
        if (!frames.stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.mouse.move(x, y);
    await page.mouse.down();
    const start = Date.now();
    for (let i = 0; Date.now() - start < PAN_MS; i++) await page.mouse.move(x + 200 * Math.sin(i / 10), y - 150 + 100 * Math.cos(i / 10));
    await page.mouse.up();
    const frames = await page.evaluate(() => {
      const f = window.__frames;
      f.stop = true;
      return { fps: (f.count * 1000) / (performance.now() - f.start), worst: f.worst };
    });
    return { painted, panned, longTasks, rendered, ...frames };
  } finally {
    await page.close();
  }
}

const browser = await chromium.launch({
  executablePath: process.env.ARBOR_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const rows = [];
try {
  for (const size of sizes) {
    const list = randomTree(size);
    const seeded = await seedArbor(list);
    const arbor = await startServer({ port: PORT, dataDir: seeded.dataDir });
    const bare = await serveBarePage(list, PORT + 50);
    const figures = { arbor: [], bare: [] };
    try {
      for (let run = 0; run < runs + 1 + (diagnose ? 1 : 0); run++) {
        const order = run % 2 === 0 ? ["arbor", "bare"] : ["bare", "arbor"];
        for (const name of order) {
          const last = run === runs + 1 && name === "arbor";
          if (run === runs + 1 && !last) continue;
          const result =
            name === "arbor"
              ? await measure(browser, `${arbor.url}/t/${seeded.treeId}`, '[data-testid="graph-node"]', { profile: last && process.env.ARBOR_BENCH_PROFILE === "1", trace: last && process.env.ARBOR_BENCH_TRACE === "1" })
              : await measure(browser, bare.url, ".react-flow__node");
          if (run === 0 || run === runs + 1) continue; // the first warms the server's caches; the extra one is profiled
          figures[name].push(result);
          const tasks = result.longTasks.map(([at, ms]) => `${at}+${ms}`).join(" ") || "none";
          console.log(`${size} nodes, run ${run}, ${name.padEnd(5)}: painted ${fmt(result.painted)}, panned ${fmt(result.panned)}, ${result.fps.toFixed(1)} fps panning (longest frame ${result.worst.toFixed(0)} ms), ${result.rendered} nodes in the DOM; long tasks ${tasks}`);
        }
      }
    } finally {
      await bare.stop();
      await arbor.stop();
    }
    rows.push({ size, figures });
  }
} finally {
  await browser.close();
}

const m = (list, key) => median(list.map((r) => r[key]));
console.log(`\nLarge trees, 1440x900, Chromium, median of ${runs} runs each, times from navigation start`);
console.log("| nodes | Arbor: painted | Arbor: interactive | Arbor: fps panning | bare React Flow: painted | bare: interactive | bare: fps | interactive, Arbor/bare |");
console.log("|---|---|---|---|---|---|---|---|");
for (const { size, figures } of rows) {
  const a = figures.arbor;
  const b = figures.bare;
  console.log(`| ${size.toLocaleString("en")} | ${m(a, "painted").toFixed(0)} ms | ${m(a, "panned").toFixed(0)} ms | ${m(a, "fps").toFixed(1)} | ${m(b, "painted").toFixed(0)} ms | ${m(b, "panned").toFixed(0)} ms | ${m(b, "fps").toFixed(1)} | ${(m(a, "panned") / m(b, "panned")).toFixed(2)} |`);
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
