import { getDb } from "@/lib/db/client";
import { findNode } from "@/lib/db/nodes";
import { ArborError } from "@/lib/errors";
import { runFinished } from "@/lib/server/follow";
import { json, pathId, route } from "@/lib/server/http";
import { cancelNode } from "@/lib/server/nodes";
import { runs } from "@/lib/server/runs";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** Stop a running node; what arrived so far is kept and the node becomes `cancelled`. */
export const POST = route(async (_request: Request, { params }: Context) => {
  const id = pathId((await params).id, "node");
  const run = runs().get(id);
  if (run && cancelNode(id)) return json({ node: await runFinished(run) });
  // Not running (any more) in this process: say so, with the status it ended in.
  const row = await findNode(await getDb(), id);
  if (!row) throw new ArborError("not_found", `No node with id "${id}"`);
  throw new ArborError("conflict", `Node "${id}" is not running (status: ${row.status})`);
});
