#!/usr/bin/env node
// `npm start`: build when the sources are newer than the last build, then serve on 127.0.0.1:$PORT (default 3000).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const next = path.join(root, "node_modules", ".bin", "next");
const buildId = path.join(root, ".next", "BUILD_ID");
const sources = ["app", "components", "lib", "public", "package.json", "package-lock.json", "tsconfig.json", "next.config.mjs", "tailwind.config.ts", "postcss.config.mjs"];

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
if (built < changed) {
  console.log(built ? "Sources changed since the last build; building…" : "No build yet; building (about a minute)…");
  const result = spawnSync(next, ["build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";
const server = spawn(next, ["start", "-H", host, "-p", port], { cwd: root, stdio: "inherit", env: { ...process.env, PORT: port, HOST: host } });
console.log(`Arbor: http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
