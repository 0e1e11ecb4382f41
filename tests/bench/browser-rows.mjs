// The browser rows of `npm run bench`, in Chromium against each build's server, interleaved like the server rows:
// - a tab viewing a 10,000-node tree while a node runs elsewhere: bytes per second it receives (CDP Network events,
//   streams included), its longest main-thread task and its longest gap between frames while that node is added;
// - time from navigation to the first pan that moves the viewport, for trees of 2,000 and 10,000 nodes.
import { chromium } from "@playwright/test";

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
  // A node runs elsewhere (a script, another tab) before and while the tab is open; 10 tokens a second, for ~18 s.
  const running = post(`${s.server.url}/api/trees/${treeId}/nodes`, { parentId: "n3", input: SLOW_INPUT, params: { metadata: { arbor_offline_tps: "10" } } }).then((r) => r.json());
  const page = await openTree(browser, s.server.url, treeId);
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await page.waitForTimeout(1_000); // the load settles
    let bytes = 0;
    cdp.on("Network.dataReceived", (e) => (bytes += e.encodedDataLength > 0 ? e.encodedDataLength : e.dataLength));
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
    await post(`${s.server.url}/api/trees/${treeId}/nodes`, { parentId: "n5", input: "One more node" }).then((r) => r.json());
    await page.waitForTimeout(WATCH_MS);
    const seconds = (performance.now() - started) / 1000;
    const { longest, gap } = await page.evaluate(() => window.__bench);
    return {
      "10,000-node tab while a node runs elsewhere: KB/s received": { arbor: bytes / 1024 / seconds },
      "10,000-node tab, a node added: longest main-thread task, ms": { arbor: longest },
      "10,000-node tab, a node added: longest gap between frames, ms": { arbor: gap },
    };
  } finally {
    await page.close();
    await running;
  }
}

async function timeToPan(browser, url, treeId) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(`${url}/t/${treeId}`, { waitUntil: "commit" });
    await page.locator('[data-testid="graph-node"]').first().waitFor({ state: "visible", timeout: 120_000 });
    const viewport = page.locator(".react-flow__viewport");
    const before = await viewport.evaluate((el) => getComputedStyle(el).transform);
    const pane = await page.locator(".react-flow__pane").boundingBox();
    const x = pane.x + pane.width / 2;
    const y = pane.y + pane.height - 40;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 120, y - 60, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction((t) => getComputedStyle(document.querySelector(".react-flow__viewport")).transform !== t, before, { timeout: 60_000 });
    return await page.evaluate(() => performance.now());
  } finally {
    await page.close();
  }
}
