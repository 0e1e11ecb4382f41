import type { Answers } from "@/lib/contracts/answers";
import { pathId } from "@/lib/server/http/body";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { revokeShare } from "@/lib/server/services/shares";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** Revoke a read-only link at once. */
export const DELETE = route(async (_request: Request, { params }: Context) => {
  await revokeShare(pathId((await params).id, "share"));
  return json<Answers["DELETE /api/shares/:id"]>({ ok: true });
});

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
