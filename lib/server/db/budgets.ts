import "server-only";
import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { UsageRow } from "@/lib/contracts/team";
import type { Db } from "./client";
import { authUsers, budgets, nodes, trees, type BudgetRow } from "./schema";

export async function listBudgets(db: Db, workspaceId: string): Promise<BudgetRow[]> {
  return db.select().from(budgets).where(eq(budgets.workspaceId, workspaceId));
}

/** The budgets that bind a user: the workspace's ("*") and their own. */
export async function budgetsFor(db: Db, workspaceId: string, userId: string): Promise<BudgetRow[]> {
  return db
    .select()
    .from(budgets)
    .where(and(eq(budgets.workspaceId, workspaceId), inArray(budgets.subject, ["*", userId])));
}

export async function upsertBudget(db: Db, row: Omit<BudgetRow, "updatedAt">): Promise<void> {
  await db
    .insert(budgets)
    .values(row)
    .onConflictDoUpdate({ target: [budgets.workspaceId, budgets.subject, budgets.period], set: { maxCostUsd: row.maxCostUsd, maxTokens: row.maxTokens, updatedAt: sql`now()` } });
}

export async function deleteBudget(db: Db, workspaceId: string, subject: string, period: "day" | "month"): Promise<void> {
  await db.delete(budgets).where(and(eq(budgets.workspaceId, workspaceId), eq(budgets.subject, subject), eq(budgets.period, period)));
}

const tokensOf = sql<number>`coalesce(sum((${nodes.usage}->>'total_tokens')::bigint), 0)::float8`;
const costOf = sql<number>`coalesce(sum(${nodes.costUsd}), 0)::float8`;

/** What a workspace (or one of its users) spent since a moment: cost in USD and tokens, over its nodes. */
export async function spentSince(db: Db, workspaceId: string, since: Date, userId?: string): Promise<{ costUsd: number; tokens: number }> {
  const [row] = await db
    .select({ costUsd: costOf, tokens: tokensOf })
    .from(nodes)
    .innerJoin(trees, eq(trees.id, nodes.treeId))
    .where(and(eq(trees.workspaceId, workspaceId), gte(nodes.createdAt, since), ...(userId ? [eq(nodes.createdBy, userId)] : [])));
  return { costUsd: Number(row?.costUsd ?? 0), tokens: Number(row?.tokens ?? 0) };
}

/** Nodes a user has running now, on any instance. */
export async function runningNodesOf(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(nodes)
    .where(and(eq(nodes.createdBy, userId), inArray(nodes.status, ["queued", "in_progress"])));
  return Number(row?.n ?? 0);
}


/** Who spent what since a moment: one row per day, user, model and tree. */
export async function usageSince(db: Db, workspaceId: string, since: Date): Promise<UsageRow[]> {
  const day = sql<string>`to_char(date_trunc('day', ${nodes.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      day,
      userId: nodes.createdBy,
      userName: authUsers.name,
      model: nodes.model,
      treeId: trees.id,
      treeTitle: trees.title,
      nodes: sql<number>`count(*)::int`,
      tokens: tokensOf,
      costUsd: costOf,
    })
    .from(nodes)
    .innerJoin(trees, eq(trees.id, nodes.treeId))
    .leftJoin(authUsers, eq(authUsers.id, nodes.createdBy))
    .where(and(eq(trees.workspaceId, workspaceId), gte(nodes.createdAt, since)))
    .groupBy(day, nodes.createdBy, authUsers.name, nodes.model, trees.id, trees.title)
    .orderBy(sql`1 desc`, sql`9 desc`);
  return rows.map((r) => ({ ...r, nodes: Number(r.nodes), tokens: Number(r.tokens), costUsd: Number(r.costUsd) }));
}
