import { pathId } from "@/lib/server/http/body";
import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { cancelNode } from "@/lib/server/services/nodes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** Stop a running node; what arrived so far is kept and the node becomes `cancelled`. */
export const POST = route(async (_request: Request, { params }: Context) => json<Answers["POST /api/nodes/:id/cancel"]>({ node: await cancelNode(pathId((await params).id, "node")) }));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
