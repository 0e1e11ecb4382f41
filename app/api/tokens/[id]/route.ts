import type { Answers } from "@/lib/contracts/answers";
import { pathId } from "@/lib/server/http/body";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { deleteToken } from "@/lib/server/services/api-tokens";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** Revoke one of the caller's API tokens: calls with it are refused from now on. */
export const DELETE = route(async (_request: Request, { params }: Context) => {
  await deleteToken(pathId((await params).id, "token"));
  return json<Answers["DELETE /api/tokens/:id"]>({ ok: true });
});

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
