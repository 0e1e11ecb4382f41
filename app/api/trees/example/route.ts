import { getDb } from "@/lib/db/client";
import { createExampleTree } from "@/lib/server/example/example-tree";
import { json, route } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** Create the guided example tree (every step a real node through the offline engine); answers it when built. */
export const POST = route(async () => {
  const { tree, nodes } = await createExampleTree(await getDb());
  return json({ tree, nodeCount: nodes.length }, 201);
});
