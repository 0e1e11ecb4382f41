import { Client } from "pg";
import { openDatabase, type Database } from "@/lib/server/db/client";

export type TestDatabase = { name: "pglite" | "postgres"; open: () => Promise<Database> };

/**
 * The databases the DB tests run against: an in-memory PGlite always, and PostgreSQL when ARBOR_TEST_DATABASE_URL
 * is set (scripts/test.sh starts a throwaway server). Each open() on PostgreSQL gets a fresh database of its own.
 */
export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: "pglite", open: () => openDatabase({ kind: "pglite" }) }];
  const url = process.env.ARBOR_TEST_DATABASE_URL;
  if (url) list.push({ name: "postgres", open: () => openFreshPostgres(url) });
  else if (process.env.CI) throw new Error("CI must run the DB tests on PostgreSQL too: set ARBOR_TEST_DATABASE_URL");
  return list;
}

async function openFreshPostgres(url: string): Promise<Database> {
  const name = `arbor_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: target.toString() });
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = new Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name}`);
      await cleanup.end();
    },
  };
}
