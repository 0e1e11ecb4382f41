import { eventsQuerySchema } from "@/lib/contracts/nodes";
import { pathId, readQuery } from "@/lib/server/http/body";
import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { wantsEventStream } from "@/lib/server/http/sse";
import { followRun } from "@/lib/server/runs/follow";
import { listNodeEvents, runningNode } from "@/lib/server/services/nodes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** A node's stored events after `?after=N`; as SSE while the node is still running here, so a client can resume. */
export const GET = route(async (request: Request, { params }: Context) => {
  const id = pathId((await params).id, "node");
  const { after } = readQuery(request, eventsQuerySchema);
  const run = runningNode(id);
  if (run && wantsEventStream(request)) return followRun(run, { after });
  return json<Answers["GET /api/nodes/:id/events"]>({ events: await listNodeEvents(id, after) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
