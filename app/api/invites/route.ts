import type { Answers } from "@/lib/contracts/answers";
import { createInviteSchema } from "@/lib/contracts/team";
import { readBody } from "@/lib/server/http/body";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { createInvite, listInvites } from "@/lib/server/services/team";

export const dynamic = "force-dynamic";

/** The workspace's invites (owners only; tokens are never listed). */
export const GET = route(async () => json<Answers["GET /api/invites"]>({ invites: await listInvites() }));

/** A new invite link that expires. */
export const POST = route(async (request: Request) => json<Answers["POST /api/invites"]>({ invite: await createInvite(await readBody(request, createInviteSchema)) }, 201));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
