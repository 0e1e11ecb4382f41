import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as budgetsRoute from "@/app/api/budgets/route";
import * as nodesRoute from "@/app/api/trees/[id]/nodes/route";
import * as treesRoute from "@/app/api/trees/route";
import * as usageRoute from "@/app/api/usage/route";
import type { Budget, UsageRow } from "@/lib/contracts/team";
import { callRoute, databaseSnapshot, type RouteHandler } from "./support/routes";
import { resetEnvForTests } from "@/lib/env";
import type { Database } from "@/lib/server/db/client";
import { openSignedInArbor, TEAM_BASE, type SignedInArbor, type Team } from "./support/team";

// Budgets (set by the owner, checked before a call, counted after from the price table) and the per-user limits,
// with sign-in on and the offline engine over real HTTP.

let arbor: SignedInArbor;
let database: Database;
let team: Team;
let treeId: string;

beforeAll(async () => {
  arbor = await openSignedInArbor({
    env: (offline) => ({
      ARBOR_RATE_LIMIT_PER_MINUTE: "8",
      ARBOR_MAX_CONCURRENT_STREAMS: "2",
      // The offline engine behind a provider with list prices, so nodes cost something.
      ARBOR_PROVIDERS: JSON.stringify([{ id: "priced", label: "Priced", baseURL: `${offline}/v1`, models: ["offline-echo"], prices: { "offline-echo": { input: 1000, output: 1000 } } }]),
    }),
  });
  ({ database, team } = arbor);
  const created = await callRoute(treesRoute.POST as RouteHandler, `${TEAM_BASE}/api/trees`, { method: "POST", json: { providerId: "priced", model: "offline-echo" }, headers: { cookie: team.owner } });
  treeId = (created.body as { tree: { id: string } }).tree.id;
}, 60_000);

afterAll(() => arbor.close());

const ask = (cookie: string, input = "Hello", params?: Record<string, unknown>) =>
  callRoute(nodesRoute.POST as RouteHandler, `${TEAM_BASE}/api/trees/${treeId}/nodes`, { method: "POST", params: { id: treeId }, json: { parentId: null, input, ...(params ? { params } : {}) }, headers: { cookie } });
const putBudget = (cookie: string, body: Record<string, unknown>) => callRoute(budgetsRoute.PUT as RouteHandler, `${TEAM_BASE}/api/budgets`, { method: "PUT", json: body, headers: { cookie } });
const memberId = async () => {
  const { rows } = (await database.db.execute(`select id from auth_users where email = 'member@team.test'`)) as unknown as { rows: { id: string }[] };
  return rows[0]!.id;
};

describe("budgets", () => {
  it("only the owner sets them", async () => {
    expect((await putBudget(team.member, { subject: "*", period: "day", maxCostUsd: 1, maxTokens: null })).status).toBe(403);
    expect((await putBudget(team.owner, { subject: "nobody", period: "day", maxCostUsd: 1, maxTokens: null })).status).toBe(400);
  });

  it("refuses a call once a user's token budget is spent, says what is left, and creates nothing", async () => {
    const member = await memberId();
    const first = await ask(team.member);
    expect(first.status).toBe(201);
    const used = (first.body as { node: { usage: { total_tokens: number } } }).node.usage.total_tokens;
    expect(used).toBeGreaterThan(0);
    // The budget is exactly what was used: the next call is refused before anything is saved.
    const set = await putBudget(team.owner, { subject: member, period: "day", maxCostUsd: null, maxTokens: used });
    expect(set.status).toBe(200);
    expect((set.body as { budgets: Budget[] }).budgets).toEqual([expect.objectContaining({ subject: member, period: "day", maxTokens: used, spent: { costUsd: expect.any(Number) as number, tokens: used } })]);
    const before = await databaseSnapshot(database.db);
    const refused = await ask(team.member, "One more, please");
    expect(refused.status).toBe(402);
    expect(refused.body).toMatchObject({ error: { code: "budget_exceeded" } });
    const message = (refused.body as { error: { message: string } }).error.message;
    expect(message).toContain(`${used} of ${used} tokens spent today, 0 left`);
    expect(message).toMatch(/resets at \d{4}-\d{2}-\d{2}T00:00:00Z/);
    expect(await databaseSnapshot(database.db)).toEqual(before);
    // Others are not bound by the member's budget; removing it lets the member go on.
    expect((await ask(team.owner)).status).toBe(201);
    expect((await putBudget(team.owner, { subject: member, period: "day", maxCostUsd: null, maxTokens: null })).status).toBe(200);
    expect((await ask(team.member)).status).toBe(201);
  });

  it("binds everyone to the workspace's cost budget (from the price table)", async () => {
    const { rows } = (await database.db.execute(`select coalesce(sum(cost_usd), 0)::float8 as c from nodes`)) as unknown as { rows: { c: number }[] };
    const spent = Number(rows[0]!.c);
    expect(spent).toBeGreaterThan(0); // the provider has prices, so the nodes' cost is counted
    expect((await putBudget(team.owner, { subject: "*", period: "month", maxCostUsd: spent, maxTokens: null })).status).toBe(200);
    const refused = await ask(team.owner);
    expect(refused.status).toBe(402);
    expect((refused.body as { error: { message: string } }).error.message).toContain("The workspace's monthly budget is used up");
    await putBudget(team.owner, { subject: "*", period: "month", maxCostUsd: null, maxTokens: null });
  });

  it("shows who spent what per day, model and tree on the usage page's route", async () => {
    const answer = await callRoute(usageRoute.GET as RouteHandler, `${TEAM_BASE}/api/usage?days=7`, { headers: { cookie: team.owner } });
    expect(answer.status).toBe(200);
    const rows = (answer.body as { usage: UsageRow[] }).usage;
    const names = new Set(rows.map((r) => r.userName));
    expect(names).toEqual(new Set(["member", "owner"]));
    expect(rows.every((r) => r.treeId === treeId && r.model === "offline-echo" && r.day === new Date().toISOString().slice(0, 10))).toBe(true);
    expect(rows.reduce((n, r) => n + r.nodes, 0)).toBe(Number(((await database.db.execute(`select count(*)::int as n from nodes`)) as unknown as { rows: { n: number }[] }).rows[0]!.n));
    expect((await callRoute(usageRoute.GET as RouteHandler, `${TEAM_BASE}/api/usage`, { headers: { cookie: team.member } })).status).toBe(403);
  });
});

describe("limits per user", () => {
  it("caps the streams one user runs at once, and the node creations per minute", async () => {
    const slow = { metadata: { arbor_offline_ttft_ms: "1500" } };
    // The stream cap (2): two slow nodes run, the third is refused while they do.
    const stream = (input: string) =>
      nodesRoute.POST(new Request(`${TEAM_BASE}/api/trees/${treeId}/nodes`, { method: "POST", headers: { cookie: team.member, accept: "text/event-stream", "content-type": "application/json" }, body: JSON.stringify({ parentId: null, input, params: slow }) }), {
        params: Promise.resolve({ id: treeId }),
      });
    const a = await stream("stream a");
    const b = await stream("stream b");
    const c = await stream("stream c");
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(c.status).toBe(429);
    expect(await c.text()).toContain("most one person may run at once (2)");
    await Promise.all([a.text(), b.text()]); // let them finish
    // The rate limit (8 a minute): the member has made 4 so far (2 in the budget test, 2 here; refusals count none).
    const results: number[] = [];
    for (let i = 0; i < 5; i++) results.push((await ask(team.member, `quick ${i}`)).status);
    expect(results).toEqual([201, 201, 201, 201, 429]);
  });
});

describe("the rate limit on PostgreSQL", () => {
  const url = process.env.ARBOR_TEST_DATABASE_URL;
  it.runIf(Boolean(url))("is counted in the database, so a second instance sees the same count", async () => {
    const { admitNode } = await import("@/lib/server/services/limits");
    type WithLimiter = typeof globalThis & { __arborNodeLimiter?: unknown };
    const forgetLimiter = () => delete (globalThis as WithLimiter).__arborNodeLimiter;
    process.env.DATABASE_URL = url;
    resetEnvForTests();
    forgetLimiter();
    try {
      const principal = { userId: `pg-limit-${Date.now()}`, name: "x", email: null, workspaceId: "local", workspaceName: "", role: "member" as const };
      for (let i = 0; i < 8; i++) await admitNode(database.db, principal);
      await expect(admitNode(database.db, principal)).rejects.toMatchObject({ code: "rate_limited" });
      forgetLimiter(); // as another instance: its own limiter and pool, the same table
      await expect(admitNode(database.db, principal)).rejects.toMatchObject({ code: "rate_limited" });
    } finally {
      delete process.env.DATABASE_URL;
      resetEnvForTests();
      forgetLimiter();
    }
  });
});
