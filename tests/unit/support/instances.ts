import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

/** Another Arbor instance, running tests/unit/support/arbor-process.ts, and the nodes it started. */
export type ArborInstance = {
  child: ChildProcess;
  /** The first node it started. */
  nodeId: string;
  treeId: string;
  /** Start one more node there (in the same tree); resolves with its id. */
  startNode: () => Promise<string>;
  stderr: () => string;
  kill: () => Promise<void>;
};

/** How long a lease lasts in these instances: short, so an instance's death is noticed quickly. */
export const LEASE_TTL_MS = 1_000;

/**
 * Start another Arbor process (its own run registry, leases and bus) on the given database; it starts a node on the
 * provider `ARBOR_FAULT_PROVIDER` of `env` (or the offline engine) at once, and another for each `startNode()`.
 */
export async function startArborInstance(env: Record<string, string>): Promise<ArborInstance> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("tests", "unit", "support", "arbor-process.ts")], {
    env: { ...process.env, ARBOR_EXAMPLE_TREE: "off", ARBOR_LOG_LEVEL: "silent", ARBOR_LEASE_TTL_MS: String(LEASE_TTL_MS), ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  lines.on("line", (line) => waiting.shift()?.(line));
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      waiting.push(resolve);
      child.once("exit", (code) => reject(new Error(`the Arbor process exited (${code}): ${stderr}`)));
    });
  const first = JSON.parse(await nextLine()) as { treeId: string; nodeId: string };
  return {
    child,
    ...first,
    startNode: async () => {
      const line = nextLine();
      child.stdin?.write("start\n");
      return (JSON.parse(await line) as { nodeId: string }).nodeId;
    },
    stderr: () => stderr,
    kill: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}
