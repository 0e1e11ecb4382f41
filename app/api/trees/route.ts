import { getDb } from "@/lib/db/client";
import { listTrees } from "@/lib/db/trees";
import { json, readBody, route } from "@/lib/server/http";
import { createTree, createTreeSchema } from "@/lib/server/trees";

export const dynamic = "force-dynamic";

export const GET = route(async () => json({ trees: await listTrees(await getDb()) }));

export const POST = route(async (request: Request) => {
  const body = await readBody(request, createTreeSchema);
  const tree = await createTree(await getDb(), body);
  return json({ tree }, 201);
});
