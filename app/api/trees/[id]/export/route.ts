import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { exportTree } from "@/lib/server/export";
import { parseWith, pathId, route } from "@/lib/server/http";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const querySchema = z.object({ branch: z.string().optional() });

/** The tree as Arbor JSON (a download); `?branch=<nodeId>` keeps only the branch from the root to that node. */
export const GET = route(async (request: Request, { params }: Context) => {
  const id = pathId((await params).id, "tree");
  const { branch } = parseWith(querySchema, Object.fromEntries(new URL(request.url).searchParams));
  const data = await exportTree(await getDb(), id, branch === undefined ? undefined : pathId(branch, "node"));
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="arbor-${id}${branch ? `-branch-${branch}` : ""}.json"`,
    },
  });
});
