import { compactNodeSchema } from "@/lib/contracts/nodes";
import { pathId, readBody } from "@/lib/server/http/body";
import { otherMethods, route } from "@/lib/server/http/route";
import { compactFromNode } from "@/lib/server/services/compact";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/**
 * "Compact from this node": `{contextMode?}`. The node's branch is compacted by the provider into a new root of the
 * same tree that remembers the node (`compactedFrom`); answers `201 {node}`.
 */
export const POST = route(async (request: Request, { params }: Context) => {
  const id = pathId((await params).id, "node");
  const { node } = await compactFromNode(id, await readBody(request, compactNodeSchema));
  return Response.json({ node }, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
