import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { copySparse } from "@/lib/server/db/client";

// The data directory `npm run build` ships (scripts/pglite-seed.mjs) and what a first start makes of it (copySparse).
describe("the shipped PGlite data directory", () => {
  const work = mkdtempSync(path.join(tmpdir(), "arbor-seed-test-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("is small to copy, and a copy of it opens, takes writes and keeps them", { timeout: 60_000 }, async () => {
    const seed = path.join(work, "seed");
    execFileSync(process.execPath, ["scripts/pglite-seed.mjs", seed], { stdio: "pipe" });
    const copy = path.join(work, "copy");
    copySparse(seed, copy);

    const wal = path.join("pg_wal", "000000010000000000000002");
    expect(readFileSync(path.join(copy, wal)).equals(readFileSync(path.join(seed, wal)))).toBe(true);
    // The WAL segment's 16 MB are holes on disk but its first pages.
    expect(statSync(path.join(copy, wal)).size).toBe(16 * 1024 * 1024);
    expect(statSync(path.join(copy, wal)).blocks * 512).toBeLessThan(1024 * 1024);

    const db = new PGlite(copy);
    expect((await db.query<{ datname: string }>("select datname from pg_database")).rows.map((r) => r.datname)).toEqual(["postgres"]);
    expect((await db.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations", [])).rows[0]?.n).toBeGreaterThan(0);
    await db.query("insert into trees (id, title, provider_id, model) values ('t', 'kept', 'offline', 'offline-echo')");
    await db.close();
    const again = new PGlite(copy);
    expect((await again.query<{ title: string }>("select title from trees")).rows).toEqual([{ title: "kept" }]);
    await again.close();
  });
});
