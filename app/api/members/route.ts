import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { listMembers } from "@/lib/server/services/team";

export const dynamic = "force-dynamic";

/** The workspace's members and their roles. */
export const GET = route(async () => json<Answers["GET /api/members"]>({ members: await listMembers() }));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
