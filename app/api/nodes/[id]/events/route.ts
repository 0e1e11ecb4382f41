import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { listEvents } from "@/lib/db/events";
import { findNode } from "@/lib/db/nodes";
import { ArborError } from "@/lib/errors";
import { followRun, wantsEventStream } from "@/lib/server/follow";
import { json, parseWith, pathId, route } from "@/lib/server/http";
import { runs } from "@/lib/server/runs";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const querySchema = z.object({ after: z.coerce.number().int().min(-1).default(-1) });

/** A node's stored events after `?after=N`; as SSE while the node is still running here, so a client can resume. */
export const GET = route(async (request: Request, { params }: Context) => {
  const id = pathId((await params).id, "node");
  const { after } = parseWith(querySchema, Object.fromEntries(new URL(request.url).searchParams));
  const run = runs().get(id);
  if (run && wantsEventStream(request)) return followRun(run, { after });
  const db = await getDb();
  if (!(await findNode(db, id))) throw new ArborError("not_found", `No node with id "${id}"`);
  return json({ events: await listEvents(db, id, after) });
});
