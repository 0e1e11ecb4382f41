import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { followRun, runFinished, wantsEventStream } from "@/lib/server/follow";
import { json, pathId, readBody, route } from "@/lib/server/http";
import { createNode, createNodeSchema } from "@/lib/server/nodes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** Create a node (a fork of any node, or a new root): SSE with `Accept: text/event-stream`, else JSON when done. */
export const POST = route(async (request: Request, { params }: Context) => {
  const treeId = pathId((await params).id, "tree");
  const body = await readBody(request, createNodeSchema, env().ARBOR_MAX_INPUT_BYTES);
  const { node, run } = await createNode(await getDb(), treeId, body);
  if (wantsEventStream(request)) return followRun(run, { prelude: [["arbor.node", { node }]] });
  const done = await runFinished(run);
  if (done.status === "failed" && done.error) {
    // The node is saved (and can be retried); the error says what the provider did.
    return json({ error: { code: "upstream_error", message: done.error.message }, node: done }, 502);
  }
  return json({ node: done }, 201);
});
