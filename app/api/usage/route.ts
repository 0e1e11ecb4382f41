import { z } from "zod";
import type { Answers } from "@/lib/contracts/answers";
import { ArborError } from "@/lib/contracts/errors";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { usage } from "@/lib/server/services/budgets";

export const dynamic = "force-dynamic";

const daysSchema = z.coerce.number().int().min(1).max(366).default(30);

/** Who spent what (`?days=30`): one row per day, user, model and tree (owners only). */
export const GET = route(async (request: Request) => {
  const days = daysSchema.safeParse(new URL(request.url).searchParams.get("days") ?? undefined);
  if (!days.success) throw new ArborError("bad_request", "days must be a whole number from 1 to 366.");
  return json<Answers["GET /api/usage"]>({ usage: await usage(days.data) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
