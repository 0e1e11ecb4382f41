import "server-only";
import type { Db } from "./client";
import { appState } from "./schema";

/**
 * Set a key once: answers true for the one caller that set it, false when it was already set. Safe when two requests
 * (or two app instances on PostgreSQL) race.
 */
export async function claimOnce(db: Db, key: string, value: unknown = true): Promise<boolean> {
  const rows = await db.insert(appState).values({ key, value }).onConflictDoNothing().returning({ key: appState.key });
  return rows.length > 0;
}
