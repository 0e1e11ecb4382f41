import type { Answers } from "@/lib/contracts/answers";
import { putBudgetSchema } from "@/lib/contracts/team";
import { readBody } from "@/lib/server/http/body";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { listBudgets, setBudget } from "@/lib/server/services/budgets";

export const dynamic = "force-dynamic";

/** The workspace's budgets and what has been spent against each (owners only). */
export const GET = route(async () => json<Answers["GET /api/budgets"]>({ budgets: await listBudgets() }));

/** Set a budget of the workspace ("*") or of a member, per day or month; nulls remove it. */
export const PUT = route(async (request: Request) => {
  await setBudget(await readBody(request, putBudgetSchema));
  return json<Answers["PUT /api/budgets"]>({ budgets: await listBudgets() });
});

export const { POST, PATCH, DELETE } = otherMethods("GET", "PUT");
