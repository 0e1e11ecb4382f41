import type { Answers } from "@/lib/contracts/answers";
import { patchMemberSchema } from "@/lib/contracts/team";
import { pathId, readBody } from "@/lib/server/http/body";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { changeMemberRole, removeMemberFromWorkspace } from "@/lib/server/services/team";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ userId: string }> };

/** Change a member's role. */
export const PATCH = route(async (request: Request, { params }: Context) => {
  const userId = pathId((await params).userId, "member");
  await changeMemberRole(userId, (await readBody(request, patchMemberSchema)).role);
  return json<Answers["PATCH /api/members/:userId"]>({ ok: true });
});

/** Remove someone from the workspace. */
export const DELETE = route(async (_request: Request, { params }: Context) => {
  await removeMemberFromWorkspace(pathId((await params).userId, "member"));
  return json<Answers["DELETE /api/members/:userId"]>({ ok: true });
});

export const { GET, POST, PUT } = otherMethods("PATCH", "DELETE");
