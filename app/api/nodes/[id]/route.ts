import { patchNodeSchema } from "@/lib/contracts/nodes";
import { pathId, readBody } from "@/lib/server/http/body";
import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { deleteNode, getNode, patchNode } from "@/lib/server/services/nodes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = route(async (_request: Request, { params }: Context) => json<Answers["GET /api/nodes/:id"]>({ node: await getNode(pathId((await params).id, "node")) }));

/** A reader's label, note or star on the node. */
export const PATCH = route(async (request: Request, { params }: Context) => {
  const id = pathId((await params).id, "node");
  return json<Answers["PATCH /api/nodes/:id"]>({ node: await patchNode(id, await readBody(request, patchNodeSchema)) });
});

/** Delete a node and its whole subtree (explicit; nothing else is ever removed); runs under it are stopped first. */
export const DELETE = route(async (_request: Request, { params }: Context) => {
  const deleted = await deleteNode(pathId((await params).id, "node"));
  return json<Answers["DELETE /api/nodes/:id"]>({ ok: true, deleted });
});

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
