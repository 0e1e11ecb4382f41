#!/usr/bin/env node
// After `next build`: complete the standalone server (.next/standalone) with what Next leaves out of it, the static
// assets and public files, and Arbor's launcher. The result runs with `node .next/standalone/arbor-server.mjs`.
import { cpSync, existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const standalone = path.join(root, ".next", "standalone");
if (!existsSync(path.join(standalone, "server.js"))) {
  console.error("No standalone build in .next/standalone: run `next build` first (next.config.mjs sets output: standalone).");
  process.exit(1);
}
cpSync(path.join(root, ".next", "static"), path.join(standalone, ".next", "static"), { recursive: true });
cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });
cpSync(path.join(root, "scripts", "arbor-server.mjs"), path.join(standalone, "arbor-server.mjs"));
cpSync(path.join(root, "scripts", "compile-cache.cjs"), path.join(standalone, "compile-cache.cjs"));
// Read at run time by path, so copied whole whatever the build traced.
cpSync(path.join(root, "lib", "server", "db", "migrations"), path.join(standalone, "lib", "server", "db", "migrations"), { recursive: true });
console.log("Standalone server ready: node .next/standalone/arbor-server.mjs");
