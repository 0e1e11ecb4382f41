import { repeatNodeSchema } from "@/lib/contracts/nodes";
import { pathId, readBody } from "@/lib/server/http/body";
import { otherMethods, route } from "@/lib/server/http/route";
import { wantsEventStream } from "@/lib/server/http/sse";
import { finishedNodeResponse, followRun } from "@/lib/server/runs/follow";
import { repeatNode } from "@/lib/server/services/nodes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/**
 * Ask a node again as a sibling, with the same input, tools, parameters and instructions (Regenerate and Retry):
 * `{providerId?, model?, contextMode?}`. Answers like node creation: SSE or JSON.
 */
export const POST = route(async (request: Request, { params }: Context) => {
  const id = pathId((await params).id, "node");
  const { node, run } = await repeatNode(id, await readBody(request, repeatNodeSchema));
  if (wantsEventStream(request)) return followRun(run, { prelude: [["arbor.node", { node }]] });
  return finishedNodeResponse(await run.finished());
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
