import "server-only";
import { sql } from "drizzle-orm";
import type { ProviderInfo } from "@/lib/contracts/providers";
import { getDatabase } from "@/lib/server/db/client";
import { log } from "@/lib/server/log";
import { listProviders, toPublicProvider } from "@/lib/server/providers/registry";

/** Whether the database answers, and which providers are configured. */
export async function health(): Promise<{ ok: boolean; database: string; providers: string[] }> {
  const providers = listProviders().map((p) => p.id);
  try {
    const database = await getDatabase();
    await database.db.execute(sql`select 1`);
    return { ok: true, database: database.kind, providers };
  } catch (err) {
    log.error({ err }, "health check failed");
    return { ok: false, database: "unavailable", providers };
  }
}

/** The configured providers as the browser may see them (no keys, no internal addresses). */
export function publicProviders(): ProviderInfo[] {
  return listProviders().map(toPublicProvider);
}
