#!/usr/bin/env node
// After `next build`: a PGlite data directory made once, here, with every committed migration applied, shipped in
// the standalone server. A first start on a fresh data directory copies it (a plain file copy) instead of running
// initdb inside WebAssembly (seconds, and some 800 MB that the process never returns), so it is as fast as a restart.
// Usage: node scripts/pglite-seed.mjs [out=.next/standalone/lib/server/db/pglite-seed]
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const out = path.resolve(process.argv[2] ?? path.join(root, ".next", "standalone", "lib", "server", "db", "pglite-seed"));
rmSync(out, { recursive: true, force: true });
const client = new PGlite(out);
await migrate(drizzle(client), { migrationsFolder: path.join(root, "lib", "server", "db", "migrations") });
await client.query("checkpoint");
await client.close();
console.log(`PGlite seed data directory (migrations applied): ${path.relative(root, out)}`);
