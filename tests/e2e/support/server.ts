import { test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const e2ePort = Number(process.env.ARBOR_E2E_PORT ?? 3210);

/**
 * The built app as it runs in production (the standalone server, as `npm start` and the container run it), with the
 * offline engine and its own PGlite data directory.
 */
export class ArborServer {
  private child: ChildProcess | null = null;
  private output = "";
  private env: Record<string, string> = {};
  readonly url = `http://127.0.0.1:${e2ePort}`;

  constructor(readonly dataDir = mkdtempSync(path.join(tmpdir(), "arbor-e2e-"))) {}

  /** Start the server; `env` overrides (e.g. `ARBOR_OFFLINE_TPS`) are kept for `restart()`. */
  async start(env: Record<string, string> = this.env): Promise<void> {
    this.env = env;
    this.output = "";
    const launcher = path.join(process.cwd(), ".next", "standalone", "arbor-server.mjs");
    this.child = spawn(process.execPath, [launcher], {
      // A stop is a stop here: no grace period for running nodes (a test that stops mid-stream expects it cut).
      env: { ...process.env, HOST: "127.0.0.1", PORT: String(e2ePort), ARBOR_DATA_DIR: this.dataDir, ARBOR_OFFLINE_TPS: "120", ARBOR_EXAMPLE_TREE: "off", ARBOR_SHUTDOWN_GRACE_S: "0", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout?.on("data", (d: Buffer) => (this.output += d.toString()));
    this.child.stderr?.on("data", (d: Buffer) => (this.output += d.toString()));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`the server exited:\n${this.output}`);
      try {
        const health = await fetch(`${this.url}/api/health`);
        if (health.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the server did not become healthy:\n${this.output}`);
  }

  /** Stop the server (only the process this harness started) and wait for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
    this.child = null;
  }

  /** Stop and start again on the same data directory and environment. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}

/** One server for the whole spec file: started before its first test, stopped after its last. */
export function serverForThisFile(env: Record<string, string> = {}): ArborServer {
  const server = new ArborServer();
  test.beforeAll(async () => {
    await server.start(env);
  });
  test.afterAll(async () => {
    await server.stop();
  });
  return server;
}
