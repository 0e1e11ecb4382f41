import { PACKED_VIEW, treeAnswerText } from "@/lib/contracts/tree-wire";
import { patchTreeSchema, treeViewQuerySchema } from "@/lib/contracts/trees";
import { pathId, readBody, readQuery } from "@/lib/server/http/body";
import type { Answers } from "@/lib/contracts/answers";
import { json, jsonText } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { deleteTree, getTree, patchTree } from "@/lib/server/services/trees";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/**
 * The tree and its node summaries (Answers["GET /api/trees/:id"]); `?view=packed` answers them in the browser's
 * compact form (Answers["GET /api/trees/:id?view=packed"]). The text is made by treeAnswerText, which keeps a big
 * tree's nodes as text while they do not change.
 */
export const GET = route(async (request: Request, { params }: Context) => {
  const { view } = readQuery(request, treeViewQuerySchema);
  const tree = await getTree(pathId((await params).id, "tree"));
  return jsonText(treeAnswerText(tree, view === PACKED_VIEW));
});

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
