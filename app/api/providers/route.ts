import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { publicProviders } from "@/lib/server/services/system";

export const dynamic = "force-dynamic";

export const GET = route(async () => json<Answers["GET /api/providers"]>({ providers: publicProviders() }));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
