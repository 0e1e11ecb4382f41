import { sql } from "drizzle-orm";
import { getDatabase } from "@/lib/db/client";
import { listProviders } from "@/lib/providers/registry";
import { json, route } from "@/lib/server/http";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const providers = listProviders().map((p) => p.id);
  try {
    const database = await getDatabase();
    await database.db.execute(sql`select 1`);
    return json({ ok: true, database: database.kind, providers });
  } catch (err) {
    console.error("[arbor] health check failed:", err);
    return json({ ok: false, database: "unavailable", providers }, 503);
  }
});
