import { pathId } from "@/lib/server/http/body";
import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { nodeContext } from "@/lib/server/services/nodes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** The conversation this node's model call saw, item by item (the same for chain and replay). */
export const GET = route(async (_request: Request, { params }: Context) => json<Answers["GET /api/nodes/:id/context"]>(await nodeContext(pathId((await params).id, "node"))));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
