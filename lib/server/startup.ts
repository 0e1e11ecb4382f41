import "server-only";
import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env, type Env } from "@/lib/env";
import { publicUrl } from "@/lib/server/auth/better-auth";
import { authStartupProblem, authEnabled } from "@/lib/server/auth/mode";
import { oidcRedirectUri, oidcSettings } from "@/lib/server/auth/oidc";
import { getDatabase } from "@/lib/server/db/client";
import { log } from "@/lib/server/log";
import { offlineBaseURL } from "@/lib/server/providers/registry";
import { installGracefulShutdown, markStarted } from "@/lib/server/lifecycle";
import { installProxyListener } from "@/lib/server/proxy/node-server";
import { instanceId, settleOrphansAtStart, startLeaseKeeper, sweepExpiredLeases } from "@/lib/server/runs/lease";
import { offerExampleOnFirstStart } from "@/lib/server/services/example/example-tree";

/** A start-up problem with a message fit for the person starting Arbor. */
export class StartupError extends Error {}

/**
 * Everything Arbor checks and opens before it serves a request: the environment (a bad value fails with a readable
 * list), a data directory it can write, the database with its migrations applied, and the runs an earlier start left
 * unfinished. The example tree is built once the server answers, on an installation's first start only.
 */
export async function startArbor(): Promise<void> {
  let e: Env;
  try {
    e = env();
  } catch (err) {
    throw new StartupError(err instanceof Error ? err.message : String(err));
  }
  assertListenAddressChosen(process.argv);
  const authProblem = authStartupProblem(e);
  if (authProblem) throw new StartupError(authProblem);
  assertPlatformConfig(process.env, Boolean(e.DATABASE_URL));
  if (!e.DATABASE_URL) assertWritableDataDir(path.resolve(e.ARBOR_DATA_DIR));
  const database = await getDatabase().catch((err: unknown) => {
    const where = e.DATABASE_URL ? "the PostgreSQL server in DATABASE_URL" : `the embedded database in ${path.resolve(e.ARBOR_DATA_DIR, "pglite")}`;
    throw new StartupError(`Arbor could not open ${where}: ${err instanceof Error ? err.message : String(err)}`);
  });
  if (database.kind === "pglite") {
    await settleOrphansAtStart(database.db);
    startLeaseKeeper(database.db, { sweep: false });
  } else {
    // Other instances may be running nodes in this database: only nodes whose lease expired are settled.
    await sweepExpiredLeases(database.db);
    startLeaseKeeper(database.db, { sweep: true });
  }
  if (process.env.NEXT_MANUAL_SIG_HANDLE === "true") installGracefulShutdown();
  markStarted();
  installProxyListener();
  const oidc = oidcSettings(e) ? { oidcRedirectUri: oidcRedirectUri(publicUrl()) } : {};
  log.info({ database: database.kind, instance: instanceId(), signIn: authEnabled(e) ? "on" : "off", ...oidc }, "ready");
  if (oidcSettings(e) && !authEnabled(e)) log.warn({}, "ARBOR_OIDC_* is set, but sign-in is off (ARBOR_AUTH), so nobody is asked to sign in with it");
  if (e.ARBOR_EXAMPLE_TREE) void buildExampleWhenServing();
}

/** Start Arbor, or say plainly why it cannot start and exit. */
export async function startArborOrExit(): Promise<void> {
  try {
    await startArbor();
  } catch (err) {
    const message = err instanceof StartupError ? err.message : `Arbor could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
    console.error(`\n${message}\n`);
    process.exit(1);
  }
}

/**
 * `next start` without `-H` listens on every network interface, which would put Arbor (with no sign-in) on the
 * network by accident. Arbor listens on loopback unless told otherwise: `npm start` passes HOST (127.0.0.1 by
 * default), and a plain `next start` must say where with `-H`.
 */
export function assertListenAddressChosen(argv: readonly string[]): void {
  const command = argv.slice(1, 3).map((a) => path.basename(a));
  const isNextStart = command[0] === "next" && command[1] === "start";
  if (!isNextStart || argv.some((a) => a === "-H" || a === "--hostname" || a.startsWith("--hostname="))) return;
  throw new StartupError(
    "`next start` without -H would listen on every network interface. Start Arbor with `npm start` (it listens on 127.0.0.1, or on HOST), or choose the address: `next start -H 127.0.0.1`. To expose Arbor on purpose, pass -H 0.0.0.0 and read the README's section on deploying.",
  );
}

/** Where Arbor runs, as the hosting platform's own environment says. */
export function detectPlatform(environment: Readonly<Record<string, string | undefined>>): "vercel" | "fly" | "render" | "railway" | "cloud-run" | null {
  if (environment.VERCEL) return "vercel";
  if (environment.FLY_APP_NAME) return "fly";
  if (environment.RENDER) return "render";
  if (environment.RAILWAY_ENVIRONMENT_NAME || environment.RAILWAY_PROJECT_ID) return "railway";
  if (environment.K_SERVICE) return "cloud-run";
  return null;
}

/**
 * On a hosting platform, say at start what is missing for it: a serverless one (Vercel, Cloud Run) has no disk that
 * lasts, so the embedded database would lose everything; a container host keeps PGlite only on a mounted volume.
 */
export function assertPlatformConfig(environment: Readonly<Record<string, string | undefined>>, hasDatabaseUrl: boolean): void {
  const platform = detectPlatform(environment);
  if (!platform || hasDatabaseUrl) return;
  if (platform === "vercel" || platform === "cloud-run") {
    throw new StartupError(`Arbor runs on ${platform === "vercel" ? "Vercel" : "Cloud Run"}, whose disk does not last: set DATABASE_URL to a PostgreSQL server (the embedded database would lose every tree).`);
  }
  log.warn({ platform }, "no DATABASE_URL: the embedded database keeps its data only if ARBOR_DATA_DIR is on a mounted volume");
}

/** Fail at start, naming the folder and the reason, when the data directory cannot be created or written. */
function assertWritableDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    const probe = path.join(dir, `.write-check-${process.pid}`);
    writeFileSync(probe, "");
    rmSync(probe);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new StartupError(`Arbor cannot use its data directory ${dir}: ${reason}. Set ARBOR_DATA_DIR to a folder Arbor can write, or DATABASE_URL to a PostgreSQL server.`);
  }
}

// The example tree is made of real calls to the offline engine over HTTP, so it waits until this server answers.
async function buildExampleWhenServing(): Promise<void> {
  const models = `${offlineBaseURL()}/models`;
  for (let attempt = 0; attempt < 300; attempt++) {
    if (await answers(models)) return offerExampleOnFirstStart();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  log.warn({ url: models }, "the offline engine did not answer, so the example tree was not built (the home page's button can build it)");
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { headers: { authorization: "Bearer offline" } })).ok;
  } catch {
    return false; // not listening yet
  }
}
