// Shared by the benchmark scripts: build when needed, start `next start` on its own port and data directory, stop it.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..", "..");
const launcher = path.join(root, ".next", "standalone", "arbor-server.mjs");

export function ensureBuild() {
  if (existsSync(launcher)) return;
  console.log("No build yet: running npm run build…");
  const r = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(1);
}

/** Start the built app (the standalone server, as in production); resolves once /api/health answers. */
export async function startServer({ port, dataDir = mkdtempSync(path.join(tmpdir(), "arbor-bench-")), env = {} }) {
  const child = spawn(process.execPath, [launcher], {
    cwd: root,
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), ARBOR_DATA_DIR: dataDir, ARBOR_EXAMPLE_TREE: "off", ARBOR_LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error("next start exited early");
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export const fmt = (ms) => `${ms.toFixed(2).padStart(8)} ms`;
