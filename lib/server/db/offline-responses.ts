import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "./client";
import { offlineResponses, type OfflineResponseRow } from "./schema";

/** Save a response the offline engine created with `store: true` (with this turn's input items). */
export async function insertOfflineResponse(
  db: Db,
  row: { id: string; previousResponseId: string | null; response: Record<string, unknown>; inputItems: Record<string, unknown>[]; request?: Record<string, unknown> | null },
): Promise<void> {
  await db.insert(offlineResponses).values(row);
}

/** Replace the stored Response object (when a streamed response finishes). */
export async function updateOfflineResponse(db: Db, id: string, response: Record<string, unknown>): Promise<void> {
  await db.update(offlineResponses).set({ response }).where(eq(offlineResponses.id, id));
}

/** Until `ttlMs` from now (the database's clock), the engine generating this background response is alive. */
export async function renewBackgroundLease(db: Db, id: string, ttlMs: number | null): Promise<void> {
  await db
    .update(offlineResponses)
    .set({ runLeaseExpiresAt: ttlMs === null ? null : sql`now() + make_interval(secs => ${ttlMs / 1000})` })
    .where(eq(offlineResponses.id, id));
}

/**
 * Take over an unfinished background response whose engine stopped renewing its lease (its process died): answers
 * the row for the one caller that claimed it (another instance may be looking at it too), else undefined.
 */
export async function claimOrphanedBackground(db: Db, id: string, ttlMs: number): Promise<OfflineResponseRow | undefined> {
  const [row] = await db
    .update(offlineResponses)
    .set({ runLeaseExpiresAt: sql`now() + make_interval(secs => ${ttlMs / 1000})` })
    .where(
      and(
        eq(offlineResponses.id, id),
        sql`${offlineResponses.response}->>'status' in ('queued', 'in_progress')`,
        or(isNull(offlineResponses.runLeaseExpiresAt), lt(offlineResponses.runLeaseExpiresAt, sql`now()`)),
      ),
    )
    .returning();
  return row;
}

/** One stored response, or undefined. */
export async function getOfflineResponse(db: Db, id: string): Promise<OfflineResponseRow | undefined> {
  const rows = await db.select().from(offlineResponses).where(eq(offlineResponses.id, id)).limit(1);
  return rows[0];
}

/** Delete one stored response; true when it existed. Responses chained to it keep their own rows. */
export async function deleteOfflineResponse(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(offlineResponses).where(eq(offlineResponses.id, id)).returning({ id: offlineResponses.id });
  return rows.length > 0;
}
