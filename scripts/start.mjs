#!/usr/bin/env node
// `npm start`: build when the sources are newer than the last build, then run the standalone server (as the container
// does) on $HOST:$PORT (default 127.0.0.1:3000).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const buildId = path.join(root, ".next", "BUILD_ID");
const launcher = path.join(root, ".next", "standalone", "arbor-server.mjs");
const sources = ["app", "components", "lib", "public", "scripts/arbor-server.mjs", "scripts/standalone.mjs", "scripts/compile-cache.cjs", "scripts/compile-cache-record.mjs", "scripts/pglite-seed.mjs", "proxy.ts", "instrumentation.ts", "instrumentation-client.ts", "package.json", "package-lock.json", "tsconfig.json", "next.config.mjs", "tailwind.config.ts", "postcss.config.mjs"];

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const changed = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
if (built < changed || !existsSync(launcher)) {
  console.log(built ? "Sources changed since the last build; building…" : "No build yet; building (about a minute)…");
  const result = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The launcher listens on HOST (127.0.0.1 by default) and says where; data stays in ./.arbor unless ARBOR_DATA_DIR says.
const server = spawn(process.execPath, [launcher], { cwd: root, stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGINT" ? 130 : 143)));
