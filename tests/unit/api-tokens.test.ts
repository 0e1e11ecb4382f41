import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tokenRoute from "@/app/api/tokens/[id]/route";
import * as tokensRoute from "@/app/api/tokens/route";
import * as proxyRoute from "@/app/api/v1/[...path]/route";
import type { Database } from "@/lib/server/db/client";
import { callRoute, type RouteHandler } from "./support/routes";
import { apiToken, openSignedInArbor, TEAM_BASE, type SignedInArbor, type Team } from "./support/team";

// With sign-in on, the recording proxy takes an Arbor API token as the key: calls are recorded for the token's user
// in its workspace; a viewer's token, an unknown, a revoked or a missing one is refused in OpenAI's error shape.

let arbor: SignedInArbor;
let database: Database;
let team: Team;

beforeAll(async () => {
  arbor = await openSignedInArbor();
  ({ database, team } = arbor);
}, 60_000);

afterAll(() => arbor.close());

async function record(key: string | null, headers: Record<string, string> = {}) {
  return callRoute(proxyRoute.POST as unknown as RouteHandler, `${TEAM_BASE}/api/v1/responses`, {
    method: "POST",
    params: { path: ["responses"] as unknown as string },
    json: { model: "offline-echo", input: "Recorded through a token" },
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), "user-agent": "OpenAI/JS 6.0.0", ...headers },
  });
}

async function rows<T>(query: string): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The proxy's trees of a workspace, once their nodes are saved. */
async function proxyTrees(workspaceId: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const found = await rows<{ id: string; created_by: string; nodes: number }>(
      `select t.id, t.created_by, (select count(*)::int from nodes n where n.tree_id = t.id and n.status <> 'in_progress') as nodes from trees t where t.source = 'proxy' and t.workspace_id = '${workspaceId}' order by t.created_at`,
    );
    if (found.length >= count && found.every((t) => t.nodes > 0)) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${count} proxy trees in ${workspaceId}`);
}

describe("API tokens for the recording proxy, sign-in on", () => {
  it("refuses a call without a token, with a key that is not Arbor's, and with a token nobody made", async () => {
    for (const key of [null, "sk-not-an-arbor-token", "arb_madeup"]) {
      const answer = await record(key);
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ error: { type: "authentication_error", code: "invalid_api_key", param: null, message: expect.any(String) as unknown } });
    }
    // A session cookie is not a key: the proxy never reads the browser's session.
    expect((await record(null, { cookie: team.member })).status).toBe(401);
  });

  it("records a member's calls in the member's workspace, as theirs, and shows the token only once", async () => {
    const { id, token } = await apiToken(team.member, "my script");
    expect(token).toMatch(/^arb_/);
    const answer = await record(token);
    expect(answer.status).toBe(200);
    const [tree] = await proxyTrees("local", 1);
    const [member] = await rows<{ id: string }>(`select id from auth_users where email = 'member@team.test'`);
    expect(tree!.created_by).toBe(member!.id);
    const [node] = await rows<{ created_by: string }>(`select created_by from nodes where tree_id = '${tree!.id}'`);
    expect(node!.created_by).toBe(member!.id);

    const list = await callRoute(tokensRoute.GET as RouteHandler, `${TEAM_BASE}/api/tokens`, { headers: { cookie: team.member } });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ tokens: [{ id, name: "my script", hint: expect.stringMatching(/^arb_.{4}….{4}$/) as unknown }] });
    expect(list.text).not.toContain(token);
    expect(JSON.stringify(await rows(`select * from api_tokens`))).not.toContain(token);
    // Another user's list does not hold it, and cannot revoke it.
    const others = await callRoute(tokensRoute.GET as RouteHandler, `${TEAM_BASE}/api/tokens`, { headers: { cookie: team.owner } });
    expect(others.body).toEqual({ tokens: [] });
    const notTheirs = await callRoute(tokenRoute.DELETE as RouteHandler, `${TEAM_BASE}/api/tokens/${id}`, { method: "DELETE", params: { id }, headers: { cookie: team.owner, origin: TEAM_BASE } });
    expect(notTheirs.status).toBe(404);

    // Revoked: refused at once.
    const revoked = await callRoute(tokenRoute.DELETE as RouteHandler, `${TEAM_BASE}/api/tokens/${id}`, { method: "DELETE", params: { id }, headers: { cookie: team.member, origin: TEAM_BASE } });
    expect(revoked.status).toBe(200);
    expect((await record(token)).status).toBe(401);
  });

  it("keeps a workspace's trees out of reach of another workspace's token, and a viewer's token records nothing", async () => {
    const [memberTree] = await proxyTrees("local", 1);
    const outsider = await apiToken(team.outsider, "elsewhere");
    // Naming another workspace's tree id does not land there: a tree of the outsider's own is made instead.
    expect((await record(outsider.token, { "x-arbor-tree": memberTree!.id })).status).toBe(200);
    const [theirs] = await proxyTrees("other", 1);
    expect(theirs!.id).not.toBe(memberTree!.id);
    expect(await rows(`select id from nodes where tree_id = '${memberTree!.id}'`)).toHaveLength(1);

    // A viewer may not make a token (recording adds nodes, which a viewer may not).
    const viewer = await callRoute(tokensRoute.POST as RouteHandler, `${TEAM_BASE}/api/tokens`, { method: "POST", json: { name: "read only" }, headers: { cookie: team.viewer, origin: TEAM_BASE } });
    expect(viewer.status).toBe(403);
  });
});
