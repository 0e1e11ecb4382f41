import type { Answers } from "@/lib/contracts/answers";
import { pathId } from "@/lib/server/http/body";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { revokeInvite } from "@/lib/server/services/team";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** Revoke an invite link. */
export const DELETE = route(async (_request: Request, { params }: Context) => {
  await revokeInvite(pathId((await params).id, "invite"));
  return json<Answers["DELETE /api/invites/:id"]>({ ok: true });
});

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
