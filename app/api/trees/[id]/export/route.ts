import { getDb } from "@/lib/db/client";
import { exportTree } from "@/lib/server/export";
import { pathId, route } from "@/lib/server/http";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = route(async (_request: Request, { params }: Context) => {
  const id = pathId((await params).id, "tree");
  const data = await exportTree(await getDb(), id);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="arbor-${id}.json"`,
    },
  });
});
