import { pathId } from "@/lib/server/http/body";
import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { deleteNode, getNode } from "@/lib/server/services/nodes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = route(async (_request: Request, { params }: Context) => json<Answers["GET /api/nodes/:id"]>({ node: await getNode(pathId((await params).id, "node")) }));

/** Delete a node and its whole subtree (explicit; nothing else is ever removed); runs under it are stopped first. */
export const DELETE = route(async (_request: Request, { params }: Context) => {
  const deleted = await deleteNode(pathId((await params).id, "node"));
  return json<Answers["DELETE /api/nodes/:id"]>({ ok: true, deleted });
});

export const { POST, PUT, PATCH } = otherMethods("GET", "DELETE");
