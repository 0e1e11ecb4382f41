#!/usr/bin/env node
// After the standalone server is complete: start it once, on a fresh data directory and a free loopback port, ask
// it for what a first visit asks for, and stop it, with ARBOR_COMPILE_CACHE=record, so that it writes the V8 code
// cache of the modules it compiled (.next/standalone/compile-cache.bin, read by scripts/compile-cache.cjs).
// Without the cache the server works as well, only starts slower: a failure here is reported, not fatal.
import { spawn } from "node:child_process";
import * as acorn from "acorn";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const standalone = path.join(root, ".next", "standalone");
const { readEntries, writeCache } = createRequire(import.meta.url)("./compile-cache.cjs");

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function record() {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "arbor-compile-cache-"));
  // Only what the server needs: not the caller's database, sign-in or providers.
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, HOST: "127.0.0.1", PORT: String(port), ARBOR_DATA_DIR: dataDir, ARBOR_EXAMPLE_TREE: "off", ARBOR_LOG_LEVEL: "warn", ARBOR_COMPILE_CACHE: "record" };
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", "arbor-server.mjs"], { cwd: standalone, env, stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start\n${output}`);
      if (await fetch(`${url}/api/ready`).then((r) => r.ok, () => false)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const page of ["/", "/api/trees", "/api/providers"]) await (await fetch(`${url}${page}`)).arrayBuffer();
  } finally {
    child.kill("SIGTERM");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (!output.includes("Compile cache:")) throw new Error(`the server wrote no compile cache\n${output}`);
  // The modules that call import() are left out (a cached script cannot, on Node 20), found by their tokens, so
  // that the words "import(" in a string or a comment do not count.
  const file = path.join(standalone, "compile-cache.bin");
  const entries = readEntries(file);
  const kept = entries.filter(({ source }) => !callsImport(readFileSync(path.join(standalone, source), "utf8")));
  writeCache(file, kept);
  console.log(`Compile cache: ${kept.length} modules (${entries.length - kept.length} that call import() left out), ${(statSync(file).size / 1e6).toFixed(1)} MB`);
}

function callsImport(text) {
  let previous = null;
  for (const token of acorn.tokenizer(text, { ecmaVersion: "latest", allowHashBang: true, allowReturnOutsideFunction: true })) {
    if (previous?.type === acorn.tokTypes._import && token.type === acorn.tokTypes.parenL) return true;
    previous = token;
  }
  return false;
}

await record().catch((err) => console.warn(`No compile cache recorded (the server will start slower): ${err instanceof Error ? err.message : err}`));
