import { getDb } from "@/lib/db/client";
import { listTrees } from "@/lib/db/trees";
import { offerExampleOnFirstStart } from "@/lib/server/example/example-tree";
import { json, readBody, route } from "@/lib/server/http";
import { createTree, createTreeSchema } from "@/lib/server/trees";

export const dynamic = "force-dynamic";

/** Every tree; on an installation's first start the example tree is created first (ARBOR_EXAMPLE_TREE=off skips). */
export const GET = route(async () => {
  const db = await getDb();
  await offerExampleOnFirstStart(db);
  return json({ trees: await listTrees(db) });
});

export const POST = route(async (request: Request) => {
  const body = await readBody(request, createTreeSchema);
  const tree = await createTree(await getDb(), body);
  return json({ tree }, 201);
});
