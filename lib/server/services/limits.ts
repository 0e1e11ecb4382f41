import "server-only";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { ArborError } from "@/lib/contracts/errors";
import { env } from "@/lib/env";
import type { Principal } from "@/lib/server/auth/context";
import { authEnabled } from "@/lib/server/auth/mode";
import { budgetsFor, runningNodesOf, spentSince } from "@/lib/server/db/budgets";
import type { Db } from "@/lib/server/db/client";
import type { BudgetRow } from "@/lib/server/db/schema";

type GlobalWithLimiter = typeof globalThis & { __arborNodeLimiter?: Promise<RateLimiterAbstract> };

/**
 * Node creations per user per minute. On PostgreSQL the counts live in the database (rate-limiter-flexible's own
 * table), so every instance counts the same; PGlite is one process, so memory is enough.
 */
function nodeLimiter(): Promise<RateLimiterAbstract> {
  const g = globalThis as GlobalWithLimiter;
  g.__arborNodeLimiter ??= (async () => {
    const e = env();
    const options = { keyPrefix: "arbor_nodes", points: e.ARBOR_RATE_LIMIT_PER_MINUTE, duration: 60 };
    if (!e.DATABASE_URL) return new RateLimiterMemory(options);
    const { Pool } = await import("pg");
    const pool = new Pool({ connectionString: e.DATABASE_URL, max: 2 });
    return new Promise<RateLimiterAbstract>((resolve, reject) => {
      const limiter: RateLimiterPostgres = new RateLimiterPostgres({ ...options, storeClient: pool, storeType: "pool", tableName: "arbor_rate_limits" }, (err?: Error) =>
        err ? reject(err) : resolve(limiter),
      );
    });
  })();
  g.__arborNodeLimiter.catch(() => {
    g.__arborNodeLimiter = undefined;
  });
  return g.__arborNodeLimiter;
}

/** The start of the current day or month (UTC), and the start of the next one. */
export function periodBounds(period: "day" | "month", now = new Date()): { start: Date; end: Date } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  if (period === "day") {
    const start = new Date(Date.UTC(y, m, now.getUTCDate()));
    return { start, end: new Date(start.getTime() + 86_400_000) };
  }
  return { start: new Date(Date.UTC(y, m, 1)), end: new Date(Date.UTC(y, m + 1, 1)) };
}

const usd = (n: number) => `$${n.toFixed(n < 1 ? 4 : 2)}`;

/** The first budget that is used up, said plainly with what is left of the others, or null. */
async function exhaustedBudget(db: Db, principal: Principal, rows: readonly BudgetRow[]): Promise<ArborError | null> {
  for (const budget of rows) {
    const { start, end } = periodBounds(budget.period);
    const spent = await spentSince(db, principal.workspaceId, start, budget.subject === "*" ? undefined : budget.subject);
    const whose = budget.subject === "*" ? "The workspace's" : "Your";
    const when = budget.period === "day" ? "today" : "this month";
    const retryAfterSeconds = Math.max(1, Math.ceil((end.getTime() - Date.now()) / 1000));
    const resets = `It resets at ${end.toISOString().replace(".000Z", "Z")}.`;
    if (budget.maxCostUsd !== null && spent.costUsd >= budget.maxCostUsd) {
      return new ArborError("budget_exceeded", `${whose} ${budget.period === "day" ? "daily" : "monthly"} budget is used up: ${usd(spent.costUsd)} of ${usd(budget.maxCostUsd)} spent ${when}, ${usd(0)} left. ${resets}`, { retryAfterSeconds });
    }
    if (budget.maxTokens !== null && spent.tokens >= budget.maxTokens) {
      return new ArborError("budget_exceeded", `${whose} ${budget.period === "day" ? "daily" : "monthly"} token budget is used up: ${spent.tokens} of ${budget.maxTokens} tokens spent ${when}, 0 left. ${resets}`, { retryAfterSeconds });
    }
  }
  return null;
}

/**
 * Whether a user may start another node now: within the workspace's and their own budgets (what finished nodes cost,
 * from the price table), and, when sign-in is on, under the rate limit and with fewer streams running than the cap.
 * Throws the reason.
 */
export async function admitNode(db: Db, principal: Principal): Promise<void> {
  const exhausted = await exhaustedBudget(db, principal, await budgetsFor(db, principal.workspaceId, principal.userId));
  if (exhausted) throw exhausted;
  // One person on a laptop without sign-in: no one to share with, so no rate limit or stream cap (as before).
  if (!authEnabled(env())) return;
  const cap = env().ARBOR_MAX_CONCURRENT_STREAMS;
  const running = await runningNodesOf(db, principal.userId);
  if (running >= cap) throw new ArborError("rate_limited", `You have ${running} nodes running, the most one person may run at once (${cap}). Wait for one to finish, or stop one.`, { retryAfterSeconds: 5 });
  try {
    await (await nodeLimiter()).consume(principal.userId);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const retryAfterSeconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    throw new ArborError("rate_limited", `You are creating nodes too fast (${env().ARBOR_RATE_LIMIT_PER_MINUTE} a minute at most). Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}
