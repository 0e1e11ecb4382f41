#!/usr/bin/env node
// After `next build`: a PGlite data directory made once, here, with every committed migration applied, shipped in
// the standalone server. A first start on a fresh data directory copies it (a plain file copy) instead of running
// initdb inside WebAssembly (seconds, and some 800 MB that the process never returns), so it is as fast as a restart.
// Usage: node scripts/pglite-seed.mjs [out=.next/standalone/lib/server/db/pglite-seed]
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const out = path.resolve(process.argv[2] ?? path.join(root, ".next", "standalone", "lib", "server", "db", "pglite-seed"));
rmSync(out, { recursive: true, force: true });
rmSync(`${out}.json`, { force: true });
const client = new PGlite(out);
const migrationsFolder = path.join(root, "lib", "server", "db", "migrations");
await migrate(drizzle(client), { migrationsFolder });
// What a first start copies is kept small (41 MB was written per start before): only the database Arbor uses (no
// template databases: Arbor never creates a database), and a fresh WAL segment, all zeros but its first pages,
// which the copy leaves as holes (lib/server/db/client.ts). Old segments are removed, not kept for reuse.
await client.query("update pg_database set datistemplate = false where datname in ('template0', 'template1')");
await client.query("drop database template0");
await client.query("drop database template1");
await client.query("set wal_recycle = off");
await client.query("select pg_switch_wal()");
await client.query("checkpoint");
await client.close();
// The journal's last migration, which a start compares with its own before it skips asking (lib/server/db/client.ts).
const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8"));
writeFileSync(`${out}.json`, `${JSON.stringify({ lastMigration: journal.entries.at(-1).tag })}\n`);
console.log(`PGlite seed data directory (migrations applied): ${path.relative(root, out)}`);
