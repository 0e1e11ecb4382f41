import type { Answers } from "@/lib/contracts/answers";
import { pathId } from "@/lib/server/http/body";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { sharedNodeContext } from "@/lib/server/services/shares";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string; nodeId: string }> };

/** The conversation one node a read-only link covers saw, item by item (its Context tab). */
export const GET = route(async (_request: Request, { params }: Context) => {
  const { token, nodeId } = await params;
  return json<Answers["GET /api/s/:token/nodes/:nodeId/context"]>(await sharedNodeContext(pathId(token, "link"), pathId(nodeId, "node")));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
