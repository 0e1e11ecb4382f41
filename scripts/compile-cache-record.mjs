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

const file = path.join(standalone, "compile-cache.bin");
const recording = `${file}.recording`;

async function record() {
  rmSync(file, { force: true });
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "arbor-compile-cache-"));
  // Only what the server needs: not the caller's database, sign-in or providers.
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, HOST: "127.0.0.1", PORT: String(port), ARBOR_DATA_DIR: dataDir, ARBOR_EXAMPLE_TREE: "off", ARBOR_LOG_LEVEL: "warn", ARBOR_COMPILE_CACHE_RECORD: recording };
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
  // The modules that call import() are left out (a cached script cannot, on Node 20), found by parsing them, so that
  // the words "import(" in a string or a comment do not count. Only then is the cache the server reads written.
  const entries = readEntries(recording);
  const kept = entries.filter(({ source }) => !callsImport(readFileSync(path.join(standalone, source), "utf8")));
  writeCache(file, kept, { checked: true });
  console.log(`Compile cache: ${kept.length} modules (${entries.length - kept.length} that call import() left out), ${(statSync(file).size / 1e6).toFixed(1)} MB`);
}

// Whether a module's text calls import(): an `import` token followed by `(`, from acorn's parser (its tokens in
// context, so a regular expression is not taken for division). A text acorn cannot parse counts as calling it.
function callsImport(text) {
  let previous = null;
  let calls = false;
  try {
    acorn.parse(text, {
      ecmaVersion: "latest",
      sourceType: "script",
      allowHashBang: true,
      allowReturnOutsideFunction: true,
      onToken: (token) => {
        if (previous?.type === acorn.tokTypes._import && token.type === acorn.tokTypes.parenL) calls = true;
        previous = token;
      },
    });
  } catch {
    return true;
  }
  return calls;
}

await record()
  .catch((err) => console.warn(`No compile cache recorded (the server will start slower): ${err instanceof Error ? err.message : err}`))
  .finally(() => rmSync(recording, { force: true }));
