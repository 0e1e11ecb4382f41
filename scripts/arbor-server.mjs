// The server Arbor runs in production (npm start, the container's CMD): Next's standalone server, with Arbor's
// defaults. It listens on HOST (127.0.0.1 unless told otherwise) and PORT, keeps its data where ARBOR_DATA_DIR says
// relative to where it was started (not inside the build), and leaves SIGTERM to Arbor's graceful shutdown.
// `npm run build` copies this file to .next/standalone/arbor-server.mjs.
import { readFile } from "node:fs/promises";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";

process.env.HOSTNAME = process.env.HOST || "127.0.0.1";
process.env.PORT ||= "3000";
process.env.ARBOR_DATA_DIR = path.resolve(process.env.ARBOR_DATA_DIR || ".arbor");
process.env.NEXT_MANUAL_SIG_HANDLE = "true";

const shown = process.env.HOSTNAME === "0.0.0.0" || process.env.HOSTNAME === "::" ? "127.0.0.1" : process.env.HOSTNAME;
console.log(`Arbor: http://${shown}:${process.env.PORT} (listening on ${process.env.HOSTNAME})`);
// The recording proxy (/api/v1/) is answered before Next's router once Arbor has started and offered its listener
// (lib/server/proxy/node-server.ts): Next's work per request was most of the proxy's overhead. Everything else, and
// every request before that, goes to Next as usual.
const PROXY_LISTENER = Symbol.for("arbor.proxy.listener");
const createServer = http.createServer;
http.createServer = function createArborServer(...args) {
  const at = args.findIndex((arg) => typeof arg === "function");
  if (at >= 0) {
    const next = args[at];
    args[at] = function arborRequest(req, res) {
      const proxy = globalThis[PROXY_LISTENER];
      if (proxy && req.url?.startsWith(proxy.prefix)) return proxy.listener(req, res);
      return next.call(this, req, res);
    };
  }
  return createServer.apply(this, args);
};

const require = createRequire(import.meta.url);
const here = import.meta.dirname;
// With the embedded database, PGlite's WebAssembly is compiled now, on V8's own threads, while Next loads on this
// one; the database then opens with it (lib/server/db/client.ts) instead of waiting for a compile of its own.
if (!process.env.DATABASE_URL) {
  const wasm = path.join(here, "node_modules", "@electric-sql", "pglite", "dist", "pglite.wasm");
  const compiling = readFile(wasm).then((bytes) => WebAssembly.compile(bytes));
  compiling.catch(() => undefined); // PGlite then compiles it itself, and says what is wrong
  globalThis[Symbol.for("arbor.pglite.wasm")] = compiling;
}
// Modules compiled from the build's code cache (scripts/compile-cache.cjs). The build's recorder sets
// ARBOR_COMPILE_CACHE_RECORD to the file this run records into (scripts/compile-cache-record.mjs).
require("./compile-cache.cjs").installCompileCache(path.join(here, "compile-cache.bin"), { root: here, record: process.env.ARBOR_COMPILE_CACHE_RECORD || null });
require("./server.js");
