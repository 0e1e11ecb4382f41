import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { offlineResponses, type OfflineResponseRow } from "./schema";

/** Save a response the offline engine created with `store: true` (with this turn's input items). */
export async function insertOfflineResponse(
  db: Db,
  row: { id: string; previousResponseId: string | null; response: Record<string, unknown>; inputItems: Record<string, unknown>[] },
): Promise<void> {
  await db.insert(offlineResponses).values(row);
}

/** Replace the stored Response object (when a streamed response finishes). */
export async function updateOfflineResponse(db: Db, id: string, response: Record<string, unknown>): Promise<void> {
  await db.update(offlineResponses).set({ response }).where(eq(offlineResponses.id, id));
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
