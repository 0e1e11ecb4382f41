import { getDb } from "@/lib/db/client";
import { deleteSubtree, findNode, toDetail } from "@/lib/db/nodes";
import { ArborError } from "@/lib/errors";
import { json, pathId, route } from "@/lib/server/http";
import { cancelNode } from "@/lib/server/nodes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = route(async (_request: Request, { params }: Context) => {
  const id = pathId((await params).id, "node");
  const row = await findNode(await getDb(), id);
  if (!row) throw new ArborError("not_found", `No node with id "${id}"`);
  return json({ node: toDetail(row) });
});

/** Delete a node and its whole subtree (explicit; nothing else is ever removed). */
export const DELETE = route(async (_request: Request, { params }: Context) => {
  const id = pathId((await params).id, "node");
  const db = await getDb();
  const row = await findNode(db, id);
  if (!row) throw new ArborError("not_found", `No node with id "${id}"`);
  cancelNode(id);
  const deleted = await deleteSubtree(db, row.treeId, id);
  return json({ ok: true, deleted });
});
