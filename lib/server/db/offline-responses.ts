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

/** One link of a stored chain: a response's id, what it continued from, its input items and its output items. */
export type OfflineChainLink = { id: string; previousResponseId: string | null; inputItems: unknown; output: unknown };

/**
 * The stored responses from `id` back along `previous_response_id`, newest first, in one recursive query (at most
 * `limit` of them). The walk stops at the first missing link: the last row's previousResponseId is then not null.
 */
export async function getOfflineChain(db: Db, id: string, limit: number): Promise<OfflineChainLink[]> {
  const result = await db.execute<{ id: string; previous_response_id: string | null; input_items: unknown; output: unknown }>(sql`
    with recursive chain(id, previous_response_id, depth) as (
      select id, previous_response_id, 0 from ${offlineResponses} where id = ${id}
      union all
      select r.id, r.previous_response_id, c.depth + 1 from ${offlineResponses} r join chain c on r.id = c.previous_response_id
      where c.depth + 1 < ${limit}
    )
    select c.id, c.previous_response_id, r.input_items, r.response -> 'output' as output
    from chain c join ${offlineResponses} r on r.id = c.id order by c.depth`);
  const rows = (result as { rows?: { id: string; previous_response_id: string | null; input_items: unknown; output: unknown }[] }).rows ?? [];
  return rows.map((r) => ({ id: r.id, previousResponseId: r.previous_response_id, inputItems: parseJson(r.input_items), output: parseJson(r.output) }));
}

// `json` columns read through a raw query come back as text from some drivers.
function parseJson(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}
