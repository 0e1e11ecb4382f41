import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { listKeys } from "@/lib/server/services/provider-keys";

export const dynamic = "force-dynamic";

/** Which providers the workspace has its own key for; the keys themselves are never answered (owners only). */
export const GET = route(async () => json<Answers["GET /api/provider-keys"]>({ keys: await listKeys() }));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
