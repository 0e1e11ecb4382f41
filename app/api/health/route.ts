import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { health } from "@/lib/server/services/system";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const status = await health();
  return json<Answers["GET /api/health"]>(status, status.ok ? 200 : 503);
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
