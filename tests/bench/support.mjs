// Shared by the benchmark scripts: build when needed, start `next start` on its own port and data directory, stop it.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..", "..");
const launcherOf = (appRoot) => path.join(appRoot, ".next", "standalone", "arbor-server.mjs");

export function ensureBuild(appRoot = root) {
  if (existsSync(launcherOf(appRoot))) return;
  console.log(`No build in ${appRoot} yet: running npm run build…`);
  const r = spawnSync("npm", ["run", "build"], { cwd: appRoot, stdio: "inherit" });
  if (r.status !== 0) process.exit(1);
}

/**
 * Start the built app (the standalone server, as in production) of `appRoot` (this checkout unless told); resolves
 * once `readyPath` answers 200 (`nodeArgs` go to node itself, e.g. `--cpu-prof`, which NODE_OPTIONS does not take). Answers its URL, pid, how long it took to be ready, and a stop function.
 */
export async function startServer({ port, appRoot = root, dataDir = mkdtempSync(path.join(tmpdir(), "arbor-bench-")), env = {}, nodeArgs = [], readyPath = "/api/health", pollMs = 200 }) {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, launcherOf(appRoot)], {
    cwd: appRoot,
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), ARBOR_DATA_DIR: dataDir, ARBOR_EXAMPLE_TREE: "off", ARBOR_LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  let readyMs = null;
  for (let i = 0; i < 60_000 / pollMs; i++) {
    if (child.exitCode !== null) throw new Error("next start exited early");
    try {
      if ((await fetch(`${url}${readyPath}`)).ok) {
        readyMs = performance.now() - started;
        break;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  if (readyMs === null) throw new Error(`${url} did not start`);
  return {
    url,
    dataDir,
    pid: child.pid,
    readyMs,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; 10 ms ticks). */
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A process's resident memory now and at its peak, in MB. */
export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

/** POST a JSON body. */
export const post = (url, body, headers = {}) => fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

/** Read an SSE response, noting when the first byte, the first provider event and the end arrived, and its events. */
export async function timeStream(url, body, headers) {
  const t0 = performance.now();
  const response = await post(url, body, headers);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let firstByte = null;
  let firstEvent = null;
  let text = "";
  let events = 0;
  let completed = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const now = performance.now() - t0;
    firstByte ??= now;
    const chunk = decoder.decode(value, { stream: true });
    const window = text + chunk;
    if (firstEvent === null && window.includes("event: response.created")) firstEvent = now;
    if (window.includes("event: response.completed")) completed = true;
    text = window.slice(-200);
    for (let i = chunk.indexOf("event: "); i !== -1; i = chunk.indexOf("event: ", i + 1)) events++;
  }
  if (!completed) throw new Error(`stream did not complete: ${text}`);
  return { firstByte, firstEvent, total: performance.now() - t0, events };
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export const median = (values) => percentile(values, 50);

export const fmt = (ms) => `${ms.toFixed(2).padStart(8)} ms`;

/**
 * Drag a React Flow pane until its view moves (a drag the page was too busy to take as one is tried again, five
 * times at most); answers where the drag started, for further panning.
 */
export async function firstPan(page) {
  const before = await page.locator(".react-flow__viewport").evaluate((el) => getComputedStyle(el).transform);
  const pane = await page.locator(".react-flow__pane").boundingBox();
  const x = pane.x + pane.width / 2;
  const y = pane.y + pane.height - 40;
  for (let attempt = 0; ; attempt++) {
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 120, y - 60, { steps: 4 });
    await page.mouse.up();
    const moved = await page
      .waitForFunction((t) => getComputedStyle(document.querySelector(".react-flow__viewport")).transform !== t, before, { timeout: 5_000 })
      .then(() => true, () => false);
    if (moved) return { x, y };
    if (attempt === 4) throw new Error(`${page.url()}: five drags did not move the view`);
  }
}
