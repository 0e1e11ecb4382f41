import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { readiness } from "@/lib/server/services/system";

export const dynamic = "force-dynamic";

/** Readiness for a load balancer: 200 once started with the database reachable, 503 while starting or draining. */
export const GET = route(async () => {
  const status = await readiness();
  return json<Answers["GET /api/ready"]>(status, status.ready ? 200 : 503);
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
