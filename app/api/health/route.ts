import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { health } from "@/lib/server/services/system";

export const dynamic = "force-dynamic";

/** Liveness: 200 while the process answers, with the database's state (readiness is /api/ready). */
export const GET = route(async () => json<Answers["GET /api/health"]>(await health()));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
