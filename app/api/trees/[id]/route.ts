import { getDb } from "@/lib/db/client";
import { listNodeSummaries } from "@/lib/db/nodes";
import { deleteTree, findTree } from "@/lib/db/trees";
import { ArborError } from "@/lib/errors";
import { json, pathId, readBody, route } from "@/lib/server/http";
import { patchTree, patchTreeSchema } from "@/lib/server/trees";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = route(async (_request: Request, { params }: Context) => {
  const id = pathId((await params).id, "tree");
  const db = await getDb();
  const tree = await findTree(db, id);
  if (!tree) throw new ArborError("not_found", `No tree with id "${id}"`);
  return json({ tree, nodes: await listNodeSummaries(db, id) });
});

export const PATCH = route(async (request: Request, { params }: Context) => {
  const id = pathId((await params).id, "tree");
  const body = await readBody(request, patchTreeSchema);
  return json({ tree: await patchTree(await getDb(), id, body) });
});

export const DELETE = route(async (_request: Request, { params }: Context) => {
  const id = pathId((await params).id, "tree");
  if (!(await deleteTree(await getDb(), id))) throw new ArborError("not_found", `No tree with id "${id}"`);
  return json({ ok: true });
});
