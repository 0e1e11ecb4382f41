import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { log } from "@/lib/server/log";
import * as schema from "./schema";

/** The one database handle type used everywhere: PGlite or node-postgres behind the same drizzle API. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseOptions =
  | { kind: "pglite"; dataDir?: string } // dataDir undefined = in memory
  | { kind: "postgres"; url: string };

export type Database = { db: Db; kind: DatabaseOptions["kind"]; close: () => Promise<void> };

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
    await migrate(db, { migrationsFolder });
    return { db: db as unknown as Db, kind: "postgres", close: () => pool.end() };
  }
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  if (options.dataDir) mkdirSync(path.dirname(path.resolve(options.dataDir)), { recursive: true });
  const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return { db: db as unknown as Db, kind: "pglite", close: () => client.close() };
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
