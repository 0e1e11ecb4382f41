// Shared by the benchmark scripts: build when needed, start `next start` on its own port and data directory, stop it.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..", "..");
const next = path.join(root, "node_modules", ".bin", "next");

export function ensureBuild() {
  if (existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  console.log("No build yet: running next build…");
  const r = spawnSync(next, ["build"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(1);
}

/** Start the built app; resolves once /api/health answers. */
export async function startServer({ port, dataDir = mkdtempSync(path.join(tmpdir(), "arbor-bench-")), env = {} }) {
  const child = spawn(next, ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    env: { ...process.env, PORT: String(port), ARBOR_DATA_DIR: dataDir, ARBOR_EXAMPLE_TREE: "off", ...env },
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
