import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { whoAmI } from "@/lib/server/services/team";

export const dynamic = "force-dynamic";

/** Who is signed in, in which workspace and with which role. */
export const GET = route(async () => json<Answers["GET /api/me"]>({ me: whoAmI() }));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
