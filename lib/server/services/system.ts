import "server-only";
import { sql } from "drizzle-orm";
import type { ProviderInfo } from "@/lib/contracts/providers";
import { getDatabase } from "@/lib/server/db/client";
import { isDraining, isServing } from "@/lib/server/lifecycle";
import { log } from "@/lib/server/log";
import { metrics } from "@/lib/server/metrics";
import { listProviders, toPublicProvider } from "@/lib/server/providers/registry";

/**
 * Liveness: the process answers (`ok`), with the database's state and the configured providers. A database outage
 * is reported, not failed: restarting a live instance would not bring the database back (readiness says it instead).
 */
export async function health(): Promise<{ ok: boolean; database: string; providers: string[] }> {
  const providers = listProviders().map((p) => p.id);
  try {
    const database = await getDatabase();
    await database.db.execute(sql`select 1`);
    return { ok: true, database: database.kind, providers };
  } catch (err) {
    log.warn({ err }, "the database does not answer");
    return { ok: true, database: "unavailable", providers };
  }
}

/**
 * Whether this instance should be sent traffic: it has started (database open, migrations applied), is not
 * shutting down, and its database answers now.
 */
export async function readiness(): Promise<{ ready: boolean; reason: string | null }> {
  if (isDraining()) return { ready: false, reason: "shutting down" };
  if (!isServing()) return { ready: false, reason: "starting" };
  try {
    await (await getDatabase()).db.execute(sql`select 1`);
    return { ready: true, reason: null };
  } catch {
    return { ready: false, reason: "database unavailable" };
  }
}

/** This instance's metrics in Prometheus's text format. */
export async function metricsText(): Promise<{ contentType: string; text: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, text: await registry.metrics() };
}

/** The configured providers as the browser may see them (no keys, no internal addresses). */
export function publicProviders(): ProviderInfo[] {
  return listProviders().map(toPublicProvider);
}
