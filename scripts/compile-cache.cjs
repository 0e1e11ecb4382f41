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
const { readFileSync, renameSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

const MAGIC = "arbor-compile-cache-1";

/**
 * A cache file's header and entries, or null when it is missing, damaged, from another Node, or not yet checked by
 * the recorder (`checked`: the modules that call import() left out).
 */
function readFile(file, { checkedOnly }) {
  try {
    const bytes = readFileSync(file);
    const headerLength = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString("utf8"));
    if (header.magic !== MAGIC || header.node !== process.version || header.arch !== process.arch) return null;
    if (checkedOnly && header.checked !== true) return null;
    let at = 4 + headerLength;
    const entries = header.entries.map(([key, length, source]) => {
      const data = bytes.subarray(at, at + length);
      at += length;
      return { key, source, data };
    });
    return at === bytes.length ? entries : null; // a file cut short (or with more in it) is not used at all
  } catch {
    return null;
  }
}

/** The entries of the cache the server reads (text hash -> V8 code cache); none when there is no usable one. */
function readCache(file) {
  return new Map((readFile(file, { checkedOnly: true }) ?? []).map(({ key, data }) => [key, data]));
}

/** The entries of a recording, with the files they were compiled from (for the recorder). */
function readEntries(file) {
  const entries = readFile(file, { checkedOnly: false });
  if (!entries) throw new Error(`${path.basename(file)} cannot be read`);
  return entries;
}

/** Write a cache file whole or not at all (through a file beside it, renamed into place). */
function writeCache(file, entries, { checked }) {
  const header = Buffer.from(JSON.stringify({ magic: MAGIC, node: process.version, arch: process.arch, checked, entries: entries.map(({ key, source, data }) => [key, data.length, source]) }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const writing = `${file}.${process.pid}.tmp`;
  writeFileSync(writing, Buffer.concat([length, header, ...entries.map(({ data }) => data)]));
  renameSync(writing, file);
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
 * Compile the CommonJS modules under `root` from the cache in `file`. Recording (`record` names the file to write),
 * every module compiled this run is written there when the process exits, with the functions it ran by then; the
 * recorder then leaves out the ones that call import() and writes `file` (scripts/compile-cache-record.mjs).
 * Answers a count of the modules compiled from the cache.
 */
function installCompileCache(file, { root, record = null }) {
  const entries = record ? new Map() : readCache(file);
  const counts = { cached: 0 };
  if (!record && entries.size === 0) return counts;
  const recorded = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileFromCache(content, filename, format) {
    // An ES module required from CommonJS (format "module", Node 20.19+) is Node's to compile, as is anything else.
    if (format === "module" || filename.endsWith(".mjs") || !filename.startsWith(root + path.sep)) return compile.apply(this, arguments);
    const key = createHash("sha1").update(content).digest("base64");
    const cachedData = entries.get(key);
    entries.delete(key); // each module is compiled once; what is left goes with the map (below)
    if (!record && !cachedData) return compile.apply(this, arguments);
    let script;
    try {
      script = new vm.Script(Module.wrap(content), {
        filename,
        cachedData,
        // Columns on the first line as Node gives them (the wrapper is before them).
        columnOffset: -Module.wrapper[0].length,
        // Recording, import() must work in every module (the ones that use it are left out of the cache after).
        ...(record ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
      });
    } catch {
      return compile.apply(this, arguments); // module syntax in a .js file: Node loads it as an ES module
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
      writeCache(record, recorded.map(({ key, source, script }) => ({ key, source, data: script.createCachedData() })), { checked: false });
      console.log(`Compile cache: ${recorded.length} modules recorded in ${path.basename(record)}`);
    });
  }
  return counts;
}

module.exports = { installCompileCache, readEntries, writeCache };
