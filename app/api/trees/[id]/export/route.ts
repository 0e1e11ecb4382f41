import { z } from "zod";
import { pathId, readQuery } from "@/lib/server/http/body";
import { otherMethods, route } from "@/lib/server/http/route";
import { exportTree } from "@/lib/server/services/export";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const querySchema = z.object({ branch: z.string().optional() });

/** The tree as Arbor JSON (a download); `?branch=<nodeId>` keeps only the branch from the root to that node. */
export const GET = route(async (request: Request, { params }: Context) => {
  const id = pathId((await params).id, "tree");
  const { branch } = readQuery(request, querySchema);
  const data = await exportTree(id, branch === undefined ? undefined : pathId(branch, "node"));
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="arbor-${id}${branch ? `-branch-${branch}` : ""}.json"`,
      "cache-control": "no-store",
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
