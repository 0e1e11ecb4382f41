import { createNodeSchema } from "@/lib/contracts/nodes";
import { env } from "@/lib/env";
import { pathId, readBody } from "@/lib/server/http/body";
import { otherMethods, route } from "@/lib/server/http/route";
import { wantsEventStream } from "@/lib/server/http/sse";
import { finishedNodeResponse, followRun } from "@/lib/server/runs/follow";
import { createNode } from "@/lib/server/services/nodes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** Create a node (a fork of any node, or a new root): SSE with `Accept: text/event-stream`, else JSON when done. */
export const POST = route(async (request: Request, { params }: Context) => {
  const treeId = pathId((await params).id, "tree");
  const body = await readBody(request, createNodeSchema, env().ARBOR_MAX_INPUT_BYTES);
  const { node, run } = await createNode(treeId, body);
  if (wantsEventStream(request)) return followRun(run, { prelude: [["arbor.node", { node }]] });
  return finishedNodeResponse(await run.finished());
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
