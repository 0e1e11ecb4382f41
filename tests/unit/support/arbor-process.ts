// A second Arbor process for fault and multi-instance tests: it starts as the server does (env, data directory,
// database, leases), then starts one node on the provider ARBOR_FAULT_PROVIDER for each line read on stdin (the
// first one at once), printing `{"treeId", "nodeId"}` for each; it runs until it is killed.
// Run with: node --conditions=react-server --import tsx tests/unit/support/arbor-process.ts
import { createInterface } from "node:readline";
import { createNodeSchema } from "@/lib/contracts/nodes";
import { startArbor } from "@/lib/server/startup";
import { createNode } from "@/lib/server/services/nodes";
import { createTree } from "@/lib/server/services/trees";

void (async () => {
  await startArbor();
  const providerId = process.env.ARBOR_FAULT_PROVIDER ?? "offline";
  const tree = await createTree({ providerId, title: "Fault test" });
  const start = async () => {
    const { node } = await createNode(tree.id, createNodeSchema.parse({ parentId: null, input: "A long answer, please" }));
    process.stdout.write(`${JSON.stringify({ treeId: tree.id, nodeId: node.id })}\n`);
  };
  await start();
  createInterface({ input: process.stdin }).on("line", () => void start());
  setInterval(() => undefined, 60_000);
})().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
