import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A PostgreSQL server of this test's own, which the test may stop and start again (a database outage). */
export type PgCluster = { url: string; stop: () => void; start: () => void; destroy: () => void };

/** The newest PostgreSQL binaries installed from Debian's packages, or null when there are none. */
export function postgresBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : null;
}

/** initdb a throwaway cluster on a free loopback port and start it (as the postgres user when running as root). */
export function startCluster(): PgCluster {
  const bin = postgresBin();
  if (!bin) throw new Error("PostgreSQL is not installed (scripts/install-test-deps.sh installs it)");
  const dir = mkdtempSync(path.join(tmpdir(), "arbor-fault-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString()), Number(execFileSync("id", ["-g", "postgres"]).toString()));
  const run = (tool: string, args: string[]) =>
    asRoot ? execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args], { stdio: "pipe" }) : execFileSync(path.join(bin, tool), args, { stdio: "pipe" });
  const port = 56000 + Math.floor(Math.random() * 3000);
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres"]);
  const start = () => run("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, "start"]);
  start();
  run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "arbor"]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/arbor`,
    stop: () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]),
    start,
    destroy: () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
