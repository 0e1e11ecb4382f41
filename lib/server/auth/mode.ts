import "server-only";
import type { Env } from "@/lib/env";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Whether a listen address is this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return LOOPBACK.has(h) || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** The address the server listens on: `-H`/`--hostname` when given to `next start`, else HOST. */
export function listenHost(e: Pick<Env, "HOST">, argv: readonly string[] = process.argv): string {
  const i = argv.findIndex((a) => a === "-H" || a === "--hostname");
  if (i >= 0 && argv[i + 1]) return argv[i + 1]!;
  const eq = argv.find((a) => a.startsWith("--hostname="));
  return eq ? eq.slice("--hostname=".length) : e.HOST;
}

/** Sign-in is on when asked for, or when Arbor listens beyond loopback and nobody turned it off on purpose. */
export function authEnabled(e: Pick<Env, "ARBOR_AUTH" | "HOST">, argv: readonly string[] = process.argv): boolean {
  if (e.ARBOR_AUTH) return e.ARBOR_AUTH === "on";
  return !isLoopbackHost(listenHost(e, argv));
}

/** What stops Arbor from starting with this sign-in setting, or null. */
export function authStartupProblem(e: Pick<Env, "ARBOR_AUTH" | "HOST" | "ARBOR_SECRET">, argv: readonly string[] = process.argv): string | null {
  if (!authEnabled(e, argv) || e.ARBOR_SECRET) return null;
  const why = e.ARBOR_AUTH === "on" ? "ARBOR_AUTH=on turns sign-in on" : `Arbor listens on ${listenHost(e, argv)}, beyond this machine, so sign-in is on`;
  return `${why}, and sign-in needs ARBOR_SECRET (32 characters or more: \`openssl rand -base64 32\`). Set it, or set ARBOR_AUTH=off to expose Arbor without sign-in on purpose (anyone who reaches it can read every tree and spend its keys).`;
}
