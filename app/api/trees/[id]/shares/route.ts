import type { Answers } from "@/lib/contracts/answers";
import { createShareSchema } from "@/lib/contracts/team";
import { pathId, readBody } from "@/lib/server/http/body";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { createShare, listShares } from "@/lib/server/services/shares";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** The tree's read-only links. */
export const GET = route(async (_request: Request, { params }: Context) => json<Answers["GET /api/trees/:id/shares"]>({ shares: await listShares(pathId((await params).id, "tree")) }));

/** A new read-only link to the tree, or to one branch of it (`nodeId`), optionally expiring. */
export const POST = route(async (request: Request, { params }: Context) => {
  const id = pathId((await params).id, "tree");
  return json<Answers["POST /api/trees/:id/shares"]>({ share: await createShare(id, await readBody(request, createShareSchema)) }, 201);
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
