import { patchTreeSchema } from "@/lib/contracts/trees";
import { pathId, readBody } from "@/lib/server/http/body";
import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { deleteTree, getTree, patchTree } from "@/lib/server/services/trees";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = route(async (_request: Request, { params }: Context) => json<Answers["GET /api/trees/:id"]>(await getTree(pathId((await params).id, "tree"))));

export const PATCH = route(async (request: Request, { params }: Context) => {
  const id = pathId((await params).id, "tree");
  return json<Answers["PATCH /api/trees/:id"]>({ tree: await patchTree(id, await readBody(request, patchTreeSchema)) });
});

/** Delete a tree and everything in it (its running nodes are stopped first). */
export const DELETE = route(async (_request: Request, { params }: Context) => {
  await deleteTree(pathId((await params).id, "tree"));
  return json<Answers["DELETE /api/trees/:id"]>({ ok: true });
});

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
