import { pathId } from "@/lib/server/http/body";
import { otherMethods, route } from "@/lib/server/http/route";
import { treeEventStream } from "@/lib/server/services/trees";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/**
 * The tree's event channel (SSE) for everyone who has it open: `arbor.node` (a node created, changed or ended, with
 * its summary), `arbor.progress` (a running node's events saved), `arbor.deleted`, `arbor.resync`.
 */
export const GET = route(async (_request: Request, { params }: Context) => treeEventStream(pathId((await params).id, "tree")));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
