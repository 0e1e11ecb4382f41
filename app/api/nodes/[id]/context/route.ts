import { getDb } from "@/lib/db/client";
import { findAncestry } from "@/lib/db/nodes";
import { ArborError } from "@/lib/errors";
import { assembleReplayInput } from "@/lib/tree/context";
import { json, pathId, route } from "@/lib/server/http";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/**
 * The conversation this node's model call saw, item by item: every ancestor's input and output, then its own input.
 * The same whether the history travelled by previous_response_id (chain) or was re-sent (replay).
 */
export const GET = route(async (_request: Request, { params }: Context) => {
  const id = pathId((await params).id, "node");
  const branch = await findAncestry(await getDb(), id);
  const node = branch.at(-1);
  if (!node || node.id !== id) throw new ArborError("not_found", `No node with id "${id}"`);
  const instructions = typeof node.request?.instructions === "string" ? node.request.instructions : null;
  return json({ nodeId: id, contextMode: node.contextMode, instructions, items: assembleReplayInput(branch.slice(0, -1), node.input) });
});
