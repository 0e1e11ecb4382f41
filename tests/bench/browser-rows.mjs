// The browser rows of `npm run bench`, in Chromium against each build's server, interleaved like the server rows:
// - a tab viewing a 10,000-node tree while a node runs elsewhere: bytes per second it receives (CDP Network events,
//   streams included), its longest main-thread task and its longest gap between frames while that node is added;
// - time from navigation to the first pan that moves the viewport, for trees of 2,000 and 10,000 nodes.
import { chromium } from "@playwright/test";
import { firstPan } from "./support.mjs";

const SIZES = [2_000, 10_000];
const WATCH_MS = 8_000;
/** A node that runs for several seconds: offline-echo quoting a long question (paced by its metadata). */
const SLOW_INPUT = Array.from({ length: 120 }, (_, i) => `w${i}`).join(" ");

export async function browserRows(servers, { rounds, importTree, post }) {
  const browser = await chromium.launch({
    executablePath: process.env.ARBOR_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    console.log(`Browser rows: importing trees of ${SIZES.join(", ")} nodes…`);
    for (const s of servers) {
      s.ctx.sized = {};
      for (const size of SIZES) s.ctx.sized[size] = size === 10_000 && s.ctx.bigTree ? s.ctx.bigTree : await importTree(s.server, size);
    }
    const results = [];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? servers : [...servers].reverse();
      const figures = {};
      for (const s of order) figures[s.name] = { ...(await watchWhileRunning(browser, s, post)) };
      for (const size of SIZES) for (const s of order) figures[s.name][`${size.toLocaleString("en")} nodes: navigation to first pan, ms`] = { arbor: await timeToPan(browser, s.server.url, s.ctx.sized[size]) };
      results.push(figures);
      console.log(`browser round ${round + 1}/${rounds} done`);
    }
    return results;
  } finally {
    await browser.close();
  }
}

async function openTree(browser, url, treeId) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${url}/t/${treeId}`, { waitUntil: "commit" });
  await page.locator('[data-testid="explorer"][data-hydrated="true"]').waitFor({ timeout: 120_000 });
  await page.locator('[data-testid="graph-node"]').first().waitFor({ state: "visible", timeout: 120_000 });
  return page;
}

async function watchWhileRunning(browser, s, post) {
  const treeId = s.ctx.sized[10_000];
  // An import gives its nodes new ids: two of them to hang the new nodes under.
  s.ctx.parents ??= (await (await fetch(`${s.server.url}/api/trees/${treeId}`)).json()).nodes.slice(3, 6).map((n) => n.id);
  const [runningParent, addedParent] = s.ctx.parents;
  // A node runs elsewhere (a script, another tab) before and while the tab is open; 10 tokens a second, for ~18 s.
  const running = post(`${s.server.url}/api/trees/${treeId}/nodes`, { parentId: runningParent, input: SLOW_INPUT, params: { metadata: { arbor_offline_tps: "10" } } }).then((r) => r.json());
  const page = await openTree(browser, s.server.url, treeId);
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await page.waitForTimeout(1_000); // the load settles
    // Bytes of every response that finished in the window, and of every event-stream message (that never finishes).
    let bytes = 0;
    cdp.on("Network.loadingFinished", (e) => (bytes += e.encodedDataLength));
    cdp.on("Network.eventSourceMessageReceived", (e) => (bytes += e.eventName.length + e.data.length + 16));
    await page.evaluate(() => {
      const w = window;
      w.__bench = { longest: 0, gap: 0 };
      new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.__bench.longest = Math.max(w.__bench.longest, e.duration)))).observe({ type: "longtask" });
      let last = performance.now();
      const frame = (now) => {
        w.__bench.gap = Math.max(w.__bench.gap, now - last);
        last = now;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    const started = performance.now();
    // And one more node is added elsewhere while the tab watches.
    const added = await post(`${s.server.url}/api/trees/${treeId}/nodes`, { parentId: addedParent, input: "One more node" }).then((r) => r.json());
    if (!added.node) throw new Error(`the added node: ${JSON.stringify(added).slice(0, 300)}`);
    await page.waitForTimeout(WATCH_MS);
    const seconds = (performance.now() - started) / 1000;
    const { longest, gap } = await page.evaluate(() => window.__bench);
    return {
      "10,000-node tab while a node runs elsewhere: KB/s received": { arbor: bytes / 1024 / seconds },
      // The longtask API reports only tasks over 50 ms: 0 is none that long.
      "10,000-node tab, a node added: longest main-thread task over 50 ms (0: none), ms": { arbor: longest },
      "10,000-node tab, a node added: longest gap between frames, ms": { arbor: gap },
    };
  } finally {
    await page.close();
    const ran = await running;
    if (!ran.node) throw new Error(`the running node: ${JSON.stringify(ran).slice(0, 300)}`);
  }
}

async function timeToPan(browser, url, treeId) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(`${url}/t/${treeId}`, { waitUntil: "commit" });
    await page.locator('[data-testid="graph-node"]').first().waitFor({ state: "visible", timeout: 120_000 });
    await firstPan(page);
    return await page.evaluate(() => performance.now());
  } finally {
    await page.close();
  }
}
