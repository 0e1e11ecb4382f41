import type { Answers } from "@/lib/contracts/answers";
import { eventsQuerySchema } from "@/lib/contracts/nodes";
import { pathId, readQuery } from "@/lib/server/http/body";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { wantsEventStream } from "@/lib/server/http/sse";
import { listNodeEvents, nodeEventStream } from "@/lib/server/services/nodes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/**
 * A node's stored events after `?after=N`. With `Accept: text/event-stream`, a stream that goes on until the node
 * ends and then sends `arbor.done`, on any instance, wherever the node runs: how a client follows or resumes it.
 */
export const GET = route(async (request: Request, { params }: Context) => {
  const id = pathId((await params).id, "node");
  const { after } = readQuery(request, eventsQuerySchema);
  if (wantsEventStream(request)) return nodeEventStream(id, after);
  return json<Answers["GET /api/nodes/:id/events"]>({ events: await listNodeEvents(id, after) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
