import { chmodSync, closeSync, existsSync, fstatSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import type { QueryOptions } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { log } from "@/lib/server/log";
import * as schema from "./schema";

/** The one database handle type used everywhere: PGlite or node-postgres behind the same drizzle API. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseOptions =
  | { kind: "pglite"; dataDir?: string } // dataDir undefined = in memory
  | { kind: "postgres"; url: string };

/** Receive the notifications sent on a channel (`pg_notify`); `onReconnect` runs when some may have been missed. */
export type Listen = (channel: string, onMessage: (payload: string) => void, onReconnect?: () => void) => Promise<() => Promise<void>>;

export type Database = { db: Db; kind: DatabaseOptions["kind"]; listen: Listen; close: () => Promise<void> };

const migrationsFolder = path.join(process.cwd(), "lib", "server", "db", "migrations");

/** Open a database and apply the committed migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === "postgres") {
    void precompiledPglite();
    const [{ Pool }, { drizzle }, { migrate }] = await Promise.all([
      import("pg"),
      import("drizzle-orm/node-postgres"),
      import("drizzle-orm/node-postgres/migrator"),
    ]);
    const pool = new Pool({ connectionString: options.url, max: 10 });
    // An idle client losing its connection (the server restarted) must not crash the process; the next query
    // reconnects, and a query made while the server is down fails with an error callers treat as "unavailable".
    pool.on("error", (err) => log.warn({ err }, "a pooled database connection failed; it will be replaced"));
    const db = drizzle(pool, { schema });
    // Instances started together (a scaled deployment) migrate one at a time: the others wait on the lock, then find
    // nothing left to do.
    const lock = await pool.connect();
    try {
      await lock.query("select pg_advisory_lock(hashtext('arbor-migrations'))");
      await migrate(db, { migrationsFolder });
    } finally {
      await lock.query("select pg_advisory_unlock(hashtext('arbor-migrations'))").catch(() => undefined); // the session ends just after
      lock.release();
    }
    const listeners = new Set<() => Promise<void>>();
    const listen: Listen = async (channel, onMessage, onReconnect) => {
      const stop = await listenOnPostgres(options.url, channel, onMessage, onReconnect);
      listeners.add(stop);
      return async () => {
        listeners.delete(stop);
        await stop();
      };
    };
    const close = async () => {
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    };
    return { db: db as unknown as Db, kind: "postgres", listen, close };
  }
  const [{ PGlite, types }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  let seeded = false;
  if (options.dataDir) {
    mkdirSync(path.dirname(path.resolve(options.dataDir)), { recursive: true });
    seeded = seedDataDir(options.dataDir);
  }
  const pgliteWasmModule = await precompiledPglite();
  const parsers = drizzleParsers(types);
  const client = new PGlite({ dataDir: options.dataDir, parsers, ...(pgliteWasmModule ? { pgliteWasmModule } : {}) });
  // drizzle hands PGlite its parsers with every query, and PGlite then copies its 300-odd own to add them, for each
  // query: a tenth of a node's CPU with 100 nodes streaming (profile). The client has them as its own instead, so a
  // query that asks for nothing else is not given them again.
  const query = client.query.bind(client);
  client.query = ((sql: string, params?: unknown[], queryOptions?: QueryOptions) =>
    query(sql, params, queryOptions?.parsers && Object.keys(queryOptions.parsers).every((type) => type in parsers) ? { ...queryOptions, parsers: undefined } : queryOptions)) as typeof client.query;
  // PGlite sets its array types' parsers once it is up, over those given: drizzle's are put back.
  await client.waitReady;
  Object.assign(client.parsers, parsers);
  const db = drizzle(client, { schema });
  embedded.add(db);
  // A copy of a seed made with these very migrations has them all: asking costs a first start some 40 ms.
  if (!seeded || !seedHasMigrations()) await migrate(db, { migrationsFolder });
  const listen: Listen = async (channel, onMessage) => {
    const stop = await client.listen(channel, onMessage);
    return () => stop();
  };
  return { db: db as unknown as Db, kind: "pglite", listen, close: () => client.close() };
}

const embedded = new WeakSet<object>();

/** Whether this is the embedded database (PGlite), which one process owns. */
export function isEmbedded(db: Db): boolean {
  return embedded.has(db);
}

/** The parsers drizzle passes with each query (drizzle-orm/pglite/session.js): timestamps, dates and intervals as text. */
function drizzleParsers(types: { TIMESTAMP: number; TIMESTAMPTZ: number; INTERVAL: number; DATE: number }): Record<string, (value: string) => string> {
  const asText = (value: string) => value;
  // numeric[], timestamp[], timestamptz[], interval[], date[]
  return Object.fromEntries([types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182].map((type) => [String(type), asText]));
}

/**
 * PGlite's WebAssembly, if the launcher compiled it while the server loaded (scripts/arbor-server.mjs). Taken once:
 * the launcher's reference is let go (a PostgreSQL deployment never uses it).
 */
async function precompiledPglite(): Promise<WebAssembly.Module | undefined> {
  const g = globalThis as { [PRECOMPILED]?: Promise<WebAssembly.Module> };
  const compiling = g[PRECOMPILED];
  delete g[PRECOMPILED];
  return compiling?.catch(() => undefined);
}
const PRECOMPILED = Symbol.for("arbor.pglite.wasm");

/** The pre-initialised PGlite data directory `npm run build` ships (scripts/pglite-seed.mjs); absent in a checkout. */
const seedFolder = path.join(process.cwd(), "lib", "server", "db", "pglite-seed");

/**
 * Whether the seed was made with the migrations shipped beside it: the build writes the migration journal's last
 * entry next to the seed (`pglite-seed.json`), and drizzle, too, decides what to apply by the journal.
 */
function seedHasMigrations(): boolean {
  try {
    const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
    const made = JSON.parse(readFileSync(`${seedFolder}.json`, "utf8")) as { lastMigration?: string };
    return made.lastMigration !== undefined && made.lastMigration === journal.entries.at(-1)?.tag;
  } catch {
    return false;
  }
}

// A fresh data directory starts as a copy of the shipped one (migrations applied up to the build), not by initdb.
// Answers whether it did.
function seedDataDir(dataDir: string): boolean {
  if (existsSync(path.join(dataDir, "PG_VERSION")) || !existsSync(path.join(seedFolder, "PG_VERSION"))) return false;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) return false; // something else is there: leave it to PGlite
  // Copied beside it and renamed into place, so a start killed mid-copy leaves no half a database behind.
  const copying = `${dataDir}.seeding-${process.pid}`;
  rmSync(copying, { recursive: true, force: true });
  copySparse(seedFolder, copying);
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(copying, dataDir);
  log.info({ dataDir }, "new PGlite data directory copied from the build's seed");
  return true;
}

const PAGE = 8192; // PostgreSQL's page size
const ZERO_PAGE = Buffer.alloc(PAGE);

/**
 * Copy a directory tree with its modes, leaving each page that is all zeros as a hole: the seed's WAL segment is
 * 16 MB of zeros but its first pages, and a first start's time went mostly to writing it (this disk: 40 MB written,
 * 300 to 500 ms when it was busy). Read through one buffer, so the copy costs no memory to speak of.
 */
export function copySparse(from: string, to: string, buffer = Buffer.alloc(64 * PAGE)): void {
  mkdirSync(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      copySparse(source, target, buffer);
      continue;
    }
    const input = openSync(source, "r");
    const output = openSync(target, "w", fstatSync(input).mode & 0o777);
    try {
      let size = 0;
      for (let read; (read = readSync(input, buffer, 0, buffer.length, size)) > 0; size += read) {
        // Each run of pages that are not all zeros, written where it was read from.
        const isZero = (at: number) => buffer.subarray(at, Math.min(at + PAGE, read)).equals(ZERO_PAGE.subarray(0, Math.min(PAGE, read - at)));
        for (let start = 0; start < read; ) {
          if (isZero(start)) {
            start += PAGE;
            continue;
          }
          let end = start + PAGE;
          while (end < read && !isZero(end)) end += PAGE;
          for (let at = start, stop = Math.min(end, read); at < stop; ) at += writeSync(output, buffer, at, stop - at, size + at);
          start = end;
        }
      }
      ftruncateSync(output, size);
    } finally {
      closeSync(input);
      closeSync(output);
    }
  }
  chmodSync(to, statSync(from).mode & 0o777); // after its files, so a read-only folder is copied as one too
}

type GlobalWithDb = typeof globalThis & { __arborDatabase?: Promise<Database> };

/** The process-wide database (opened once, on first use), chosen by DATABASE_URL. */
export function getDatabase(): Promise<Database> {
  const g = globalThis as GlobalWithDb;
  if (!g.__arborDatabase) {
    // Imported lazily so that scripts and tests can open their own database without a parsed env.
    g.__arborDatabase = import("@/lib/env").then(async ({ env }) => {
      const e = env();
      const database = await openDatabase(
        e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "pglite", dataDir: path.join(e.ARBOR_DATA_DIR, "pglite") },
      );
      return database;
    });
    g.__arborDatabase.catch(() => {
      g.__arborDatabase = undefined; // let the next request try again
    });
  }
  return g.__arborDatabase;
}

/** Shorthand for the process-wide drizzle handle. */
export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** Use this database for the rest of the process (tests). */
export function setDatabaseForTests(database: Database): void {
  (globalThis as GlobalWithDb).__arborDatabase = Promise.resolve(database);
}

const RECONNECT_FIRST_MS = 200;
const RECONNECT_MAX_MS = 5_000;

/**
 * LISTEN on its own connection (a pooled one would be handed to others), reconnecting with backoff when the server
 * goes away; `onReconnect` tells the caller that notifications sent meanwhile were lost.
 */
async function listenOnPostgres(url: string, channel: string, onMessage: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>> {
  const { Client } = await import("pg");
  let current: InstanceType<typeof Client> | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const open = async (): Promise<void> => {
    const client = new Client({ connectionString: url });
    client.on("notification", (message) => {
      if (message.channel === channel && message.payload !== undefined) onMessage(message.payload);
    });
    client.on("error", (err) => log.warn({ err, channel }, "the notification connection failed"));
    client.on("end", () => {
      if (stopped || current !== client) return;
      current = null;
      reconnect(RECONNECT_FIRST_MS);
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${channel.replace(/"/g, "")}"`);
    } catch (err) {
      // The connection is broken already: ending it frees its socket, and its own error is the one that matters.
      await client.end().then(undefined, () => undefined);
      throw err;
    }
    current = client;
  };
  const reconnect = (wait: number) => {
    retry = setTimeout(() => {
      open().then(
        () => onReconnect?.(),
        (err: unknown) => {
          log.warn({ err, channel }, "could not listen for notifications; retrying");
          if (!stopped) reconnect(Math.min(wait * 2, RECONNECT_MAX_MS));
        },
      );
    }, wait);
  };

  await open();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await current?.end();
  };
}
