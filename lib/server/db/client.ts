import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
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
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  if (options.dataDir) {
    mkdirSync(path.dirname(path.resolve(options.dataDir)), { recursive: true });
    seedDataDir(options.dataDir);
  }
  const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  const listen: Listen = async (channel, onMessage) => {
    const stop = await client.listen(channel, onMessage);
    return () => stop();
  };
  return { db: db as unknown as Db, kind: "pglite", listen, close: () => client.close() };
}

/** The pre-initialised PGlite data directory `npm run build` ships (scripts/pglite-seed.mjs); absent in a checkout. */
const seedFolder = path.join(process.cwd(), "lib", "server", "db", "pglite-seed");

// A fresh data directory starts as a copy of the shipped one (migrations applied up to the build), not by initdb.
function seedDataDir(dataDir: string): void {
  if (existsSync(path.join(dataDir, "PG_VERSION")) || !existsSync(path.join(seedFolder, "PG_VERSION"))) return;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) return; // something else is there: leave it to PGlite
  // Copied beside it and renamed into place, so a start killed mid-copy leaves no half a database behind.
  const copying = `${dataDir}.seeding-${process.pid}`;
  rmSync(copying, { recursive: true, force: true });
  cpSync(seedFolder, copying, { recursive: true });
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(copying, dataDir);
  log.info({ dataDir }, "new PGlite data directory copied from the build's seed");
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
