import type { Answers } from "@/lib/contracts/answers";
import { eventsQuerySchema } from "@/lib/contracts/nodes";
import { pathId, readQuery } from "@/lib/server/http/body";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { sharedNodeEvents } from "@/lib/server/services/shares";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string; nodeId: string }> };

/** The stored events after `?after=N` of one node a read-only link covers (its Events tab). */
export const GET = route(async (request: Request, { params }: Context) => {
  const { token, nodeId } = await params;
  const { after } = readQuery(request, eventsQuerySchema);
  return json<Answers["GET /api/s/:token/nodes/:nodeId/events"]>({ events: await sharedNodeEvents(pathId(token, "link"), pathId(nodeId, "node"), after) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
