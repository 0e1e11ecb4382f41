// A V8 code cache for the standalone server's CommonJS modules, made once by `npm run build`
// (scripts/compile-cache-record.mjs) and read at every start: a module whose text is in the cache is not parsed
// and compiled again, nor are the functions it ran while the cache was recorded. Node 22 does this itself
// (module.enableCompileCache); Node 20 does not. Measured: README, Performance ("first start").
//
// - Only files under the server's own folder are cached, and a file's entry is found by a hash of its text, so a
//   file edited since is compiled as usual. V8 rejects an entry made by another Node version; it is then compiled.
// - A module that calls import() is left out when the cache is recorded: Node 20 loses a cached script's dynamic
//   import callback (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING). Every module without an entry is compiled by Node.
// - A file Node would load as an ES module (module syntax in a .js file) fails to compile here and is left to Node.
"use strict";
const { createHash } = require("node:crypto");
const { readFileSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

const MAGIC = "arbor-compile-cache-1";

/** The cache's entries (text hash -> V8 code cache), or none when the file is missing or from another Node. */
function readCache(file) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    return new Map();
  }
  const headerLength = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString("utf8"));
  const entries = new Map();
  if (header.magic !== MAGIC || header.node !== process.version || header.arch !== process.arch) return entries;
  let at = 4 + headerLength;
  for (const [key, length] of header.entries) {
    entries.set(key, bytes.subarray(at, at + length));
    at += length;
  }
  return entries;
}

function writeCache(file, entries) {
  const header = Buffer.from(JSON.stringify({ magic: MAGIC, node: process.version, arch: process.arch, entries: entries.map(({ key, source, data }) => [key, data.length, source]) }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  writeFileSync(file, Buffer.concat([length, header, ...entries.map(({ data }) => data)]));
}

/** The entries of a cache file with their files (for the recorder, which leaves some out). */
function readEntries(file) {
  const bytes = readFileSync(file);
  const headerLength = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString("utf8"));
  let at = 4 + headerLength;
  return header.entries.map(([key, length, source]) => {
    const data = bytes.subarray(at, at + length);
    at += length;
    return { key, source, data };
  });
}

// The `require` Node gives a module (lib/internal/modules/helpers.js makeRequireFunction), for a module compiled here.
function requireFor(mod) {
  const require = (id) => mod.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/**
 * Compile the CommonJS modules under `root` from the cache in `file`. With `record`, every module compiled this run
 * is written to `file` when the process exits, with the functions it ran by then (the recorder then leaves out the
 * ones that call import()). Answers a count of the modules compiled from the cache.
 */
function installCompileCache(file, { root, record = false }) {
  const entries = record ? new Map() : readCache(file);
  const counts = { cached: 0 };
  if (!record && entries.size === 0) return counts;
  const recorded = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileFromCache(content, filename) {
    if (!filename.startsWith(root + path.sep)) return compile.call(this, content, filename);
    const key = createHash("sha1").update(content).digest("base64");
    const cachedData = entries.get(key);
    entries.delete(key); // each module is compiled once; what is left goes with the map (below)
    if (!record && !cachedData) return compile.call(this, content, filename);
    let script;
    try {
      // Recording, import() must work in every module (the ones that use it are left out of the cache after).
      script = new vm.Script(Module.wrap(content), { filename, cachedData, ...(record ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}) });
    } catch {
      return compile.call(this, content, filename);
    }
    if (cachedData && !script.cachedDataRejected) counts.cached++;
    if (record) recorded.push({ key, source: path.relative(root, filename), script });
    const run = script.runInThisContext({ displayErrors: true });
    return run.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
  // The entries no module asked for within a minute (pages not yet visited) are let go with the file they are in.
  if (!record) setTimeout(() => entries.clear(), 60_000).unref();
  if (record) {
    process.once("exit", () => {
      writeCache(file, recorded.map(({ key, source, script }) => ({ key, source, data: script.createCachedData() })));
      console.log(`Compile cache: ${recorded.length} modules recorded in ${path.basename(file)}`);
    });
  }
  return counts;
}

module.exports = { installCompileCache, readEntries, writeCache };
