/**
 * Runs once when the server starts: Arbor checks its configuration and opens its database here, so a bad setting
 * fails at start with a readable message (and the process exits), not on the first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // The embedded database starts opening first, so that PGlite starts up while the rest of Arbor loads. A failure
  // here is reported by startArbor, which checks the settings and opens it again. (PostgreSQL is opened, and
  // migrated, only once the settings are checked: other instances may share it.)
  if (!process.env.DATABASE_URL) {
    const { getDatabase } = await import("@/lib/server/db/client");
    getDatabase().catch(() => undefined);
  }
  const { startArborOrExit } = await import("@/lib/server/startup");
  await startArborOrExit();
}
