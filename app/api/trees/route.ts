import { createTreeSchema } from "@/lib/contracts/trees";
import { readBody } from "@/lib/server/http/body";
import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { createTree, listTrees } from "@/lib/server/services/trees";

export const dynamic = "force-dynamic";

/** Every tree, most recently used first. */
export const GET = route(async () => json<Answers["GET /api/trees"]>({ trees: await listTrees() }));

export const POST = route(async (request: Request) => {
  const tree = await createTree(await readBody(request, createTreeSchema));
  return json<Answers["POST /api/trees"]>({ tree }, 201);
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
