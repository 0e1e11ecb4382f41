import "server-only";
import { ArborError } from "@/lib/contracts/errors";
import type { Budget, PutBudgetInput, UsageRow } from "@/lib/contracts/team";
import { currentPrincipal } from "@/lib/server/auth/context";
import { deleteBudget, listBudgets as listBudgetRows, spentSince, upsertBudget, usageSince } from "@/lib/server/db/budgets";
import { getDb } from "@/lib/server/db/client";
import { findMembership } from "@/lib/server/db/workspaces";
import { periodBounds } from "./limits";

/** The workspace's budgets, each with what has been spent against it in its current period. */
export async function listBudgets(): Promise<Budget[]> {
  const db = await getDb();
  const { workspaceId } = currentPrincipal();
  const rows = await listBudgetRows(db, workspaceId);
  return Promise.all(
    rows.map(async (row) => {
      const { start, end } = periodBounds(row.period);
      const spent = await spentSince(db, workspaceId, start, row.subject === "*" ? undefined : row.subject);
      return { subject: row.subject, period: row.period, maxCostUsd: row.maxCostUsd, maxTokens: row.maxTokens, spent, resetsAt: end.toISOString() };
    }),
  );
}

/** Set (or, with both limits null, remove) a budget of the workspace ("*") or of one of its members. */
export async function setBudget(body: PutBudgetInput): Promise<void> {
  const db = await getDb();
  const { workspaceId } = currentPrincipal();
  if (body.subject !== "*" && (await findMembership(db, body.subject))?.workspaceId !== workspaceId) {
    throw new ArborError("bad_request", `"${body.subject}" is not a member of this workspace (use "*" for the whole workspace).`);
  }
  if (body.maxCostUsd === null && body.maxTokens === null) return deleteBudget(db, workspaceId, body.subject, body.period);
  await upsertBudget(db, { workspaceId, ...body });
}

/** Who spent what in the last `days` days: per day, user, model and tree. */
export async function usage(days: number): Promise<UsageRow[]> {
  const since = new Date(periodBounds("day").start.getTime() - (days - 1) * 86_400_000);
  return usageSince(await getDb(), currentPrincipal().workspaceId, since);
}
