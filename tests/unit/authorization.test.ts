import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/server/db/client";
import type { RouteHandler } from "./support/routes";
import { openSignedInArbor, TEAM_BASE, type SignedInArbor, type Team } from "./support/team";

// Every route in app/api, called by each kind of caller: nobody signed in, a user of another workspace, and a viewer,
// a member and the owner of the workspace whose trees the ids name. Authorization happens before the route acts, so
// the statuses say who got through; the ones that did also acted (the status is the route's own success).

type Who = "signedOut" | "outsider" | "viewer" | "member" | "owner";
const WHO: readonly Who[] = ["signedOut", "outsider", "viewer", "member", "owner"];

/** What a case needs that must be fresh for each caller (a tree to delete, a running node to cancel…). */
type Fixture = { tree: string; memberTree: string; node: string; memberNode: string; runningNode: string; shareId: string; shareToken: string };

type Case = {
  method: string;
  /** The path with the fixture's ids; `params` are what Next would pass. */
  path: (f: Fixture) => string;
  params?: (f: Fixture) => Record<string, string>;
  json?: (f: Fixture) => unknown;
  form?: () => FormData;
  accept?: string;
  /** The status each caller gets: [signed out, other workspace, viewer, member, owner]. */
  expect: [number, number, number, number, number];
  /** The case changes or deletes what the fixture holds: each caller gets fresh trees. */
  fresh?: boolean;
  /** The case needs a node that is still running. */
  running?: boolean;
  note?: string;
};

const t = (f: Fixture) => ({ id: f.tree });
const n = (f: Fixture) => ({ id: f.node });
const upload = () => {
  const form = new FormData();
  form.append("file", new File(["A small guide to forks."], "guide.md"));
  return form;
};

// Keyed by the route's folder under app/api. A route file without an entry fails the first test below.
const TABLE: Record<string, Case[]> = {
  "[...path]": [{ method: "GET", path: () => "/api/nowhere", params: () => ({ path: ["nowhere"] as unknown as string }), expect: [401, 404, 404, 404, 404], note: "signed out, an unknown API path is like any other" }],
  "auth/[...all]": [{ method: "GET", path: () => "/api/auth/get-session", expect: [200, 200, 200, 200, 200] }],
  health: [{ method: "GET", path: () => "/api/health", expect: [200, 200, 200, 200, 200] }],
  ready: [{ method: "GET", path: () => "/api/ready", expect: [503, 503, 503, 503, 503], note: "not started in a unit test: readiness says so to everyone" }],
  metrics: [{ method: "GET", path: () => "/api/metrics", expect: [200, 200, 200, 200, 200] }],
  me: [{ method: "GET", path: () => "/api/me", expect: [401, 200, 200, 200, 200] }],
  invites: [
    { method: "GET", path: () => "/api/invites", expect: [401, 200, 403, 403, 200] },
    { method: "POST", path: () => "/api/invites", json: () => ({ role: "member" }), expect: [401, 201, 403, 403, 201] },
  ],
  "invites/[id]": [{ method: "DELETE", path: () => "/api/invites/nosuchinvite", params: () => ({ id: "nosuchinvite" }), expect: [401, 404, 403, 403, 404] }],
  budgets: [
    { method: "GET", path: () => "/api/budgets", expect: [401, 200, 403, 403, 200] },
    { method: "PUT", path: () => "/api/budgets", json: () => ({ subject: "*", period: "month", maxCostUsd: 1000, maxTokens: null }), expect: [401, 200, 403, 403, 200] },
  ],
  usage: [{ method: "GET", path: () => "/api/usage?days=7", expect: [401, 200, 403, 403, 200] }],
  "provider-keys": [{ method: "GET", path: () => "/api/provider-keys", expect: [401, 200, 403, 403, 200] }],
  "provider-keys/[providerId]": [
    { method: "PUT", path: () => "/api/provider-keys/offline", params: () => ({ providerId: "offline" }), json: () => ({ apiKey: "sk-not-needed-here-000" }), expect: [401, 400, 403, 403, 400], note: "the offline engine takes no key" },
    { method: "DELETE", path: () => "/api/provider-keys/offline", params: () => ({ providerId: "offline" }), expect: [401, 404, 403, 403, 404] },
  ],
  members: [{ method: "GET", path: () => "/api/members", expect: [401, 200, 403, 403, 200] }],
  "members/[userId]": [
    { method: "PATCH", path: () => "/api/members/nosuchuser", params: () => ({ userId: "nosuchuser" }), json: () => ({ role: "viewer" }), expect: [401, 404, 403, 403, 404] },
    { method: "DELETE", path: () => "/api/members/nosuchuser", params: () => ({ userId: "nosuchuser" }), expect: [401, 404, 403, 403, 404] },
  ],
  tokens: [
    { method: "GET", path: () => "/api/tokens", expect: [401, 200, 200, 200, 200] },
    { method: "POST", path: () => "/api/tokens", json: () => ({ name: "A script" }), expect: [401, 201, 403, 201, 201] },
  ],
  "tokens/[id]": [{ method: "DELETE", path: () => "/api/tokens/nosuchtoken", params: () => ({ id: "nosuchtoken" }), expect: [401, 404, 404, 404, 404], note: "each caller's own tokens only" }],
  search: [{ method: "GET", path: () => "/api/search?q=Hello", expect: [401, 200, 200, 200, 200], note: "each caller searches their own workspace only (tested below)" }],
  "v1/[...path]": [
    { method: "GET", path: () => "/api/v1/models", params: () => ({ path: ["models"] as unknown as string }), expect: [401, 401, 401, 401, 401], note: "the recording proxy reads bearer tokens, never the session cookie" },
  ],
  "offline/v1/[...path]": [{ method: "GET", path: () => "/api/offline/v1/models", params: () => ({ path: ["models"] as unknown as string }), expect: [200, 200, 200, 200, 200], note: "the engine holds no keys and is what Arbor itself calls" }],
  providers: [{ method: "GET", path: () => "/api/providers", expect: [401, 200, 200, 200, 200] }],
  "providers/[id]/files": [{ method: "POST", path: () => "/api/providers/offline/files", params: () => ({ id: "offline" }), form: upload, expect: [401, 201, 403, 201, 201] }],
  "providers/[id]/vector_stores": [
    { method: "GET", path: () => "/api/providers/offline/vector_stores", params: () => ({ id: "offline" }), expect: [401, 200, 200, 200, 200] },
    { method: "POST", path: () => "/api/providers/offline/vector_stores", params: () => ({ id: "offline" }), json: () => ({ name: "Docs" }), expect: [401, 201, 403, 201, 201] },
  ],
  "providers/[id]/vector_stores/[vs]/files": [
    { method: "GET", path: () => "/api/providers/offline/vector_stores/vs_missing/files", params: () => ({ id: "offline", vs: "vs_missing" }), expect: [401, 404, 404, 404, 404] },
    { method: "POST", path: () => "/api/providers/offline/vector_stores/vs_missing/files", params: () => ({ id: "offline", vs: "vs_missing" }), json: () => ({ fileId: "file_x" }), expect: [401, 404, 403, 404, 404] },
  ],
  trees: [
    { method: "GET", path: () => "/api/trees", expect: [401, 200, 200, 200, 200] },
    { method: "POST", path: () => "/api/trees", json: () => ({ title: "New" }), expect: [401, 201, 403, 201, 201] },
  ],
  "trees/example": [{ method: "POST", path: () => "/api/trees/example", expect: [401, 201, 403, 201, 201] }],
  "trees/import": [
    { method: "POST", path: () => "/api/trees/import", json: () => ({ data: { id: "resp_x", object: "response", model: "offline-echo", output: [], status: "completed" } }), expect: [401, 201, 403, 201, 201] },
  ],
  "trees/[id]": [
    { method: "GET", path: (f) => `/api/trees/${f.tree}`, params: t, expect: [401, 404, 200, 200, 200] },
    { method: "PATCH", path: (f) => `/api/trees/${f.tree}`, params: t, json: () => ({ title: "Renamed" }), expect: [401, 404, 403, 200, 200] },
    { method: "DELETE", path: (f) => `/api/trees/${f.tree}`, params: t, fresh: true, expect: [401, 404, 403, 403, 200], note: "the owner's tree: a member may not delete it" },
    { method: "DELETE", path: (f) => `/api/trees/${f.memberTree}`, params: (f) => ({ id: f.memberTree }), fresh: true, expect: [401, 404, 403, 200, 200], note: "the member's own tree" },
  ],
  "trees/[id]/events": [{ method: "GET", path: (f) => `/api/trees/${f.tree}/events`, params: t, accept: "text/event-stream", expect: [401, 404, 200, 200, 200] }],
  "trees/[id]/export": [{ method: "GET", path: (f) => `/api/trees/${f.tree}/export`, params: t, expect: [401, 404, 200, 200, 200] }],
  "trees/[id]/input-tokens": [
    { method: "POST", path: (f) => `/api/trees/${f.tree}/input-tokens`, params: t, json: () => ({ parentId: null, input: "Hello" }), expect: [401, 404, 403, 200, 200], note: "counting asks the provider, so a member's right" },
  ],
  "trees/[id]/nodes": [{ method: "POST", path: (f) => `/api/trees/${f.tree}/nodes`, params: t, json: () => ({ parentId: null, input: "Hello" }), expect: [401, 404, 403, 201, 201] }],
  "nodes/[id]": [
    { method: "GET", path: (f) => `/api/nodes/${f.node}`, params: n, expect: [401, 404, 200, 200, 200] },
    { method: "PATCH", path: (f) => `/api/nodes/${f.node}`, params: n, json: () => ({ starred: true }), expect: [401, 404, 403, 200, 200] },
    { method: "DELETE", path: (f) => `/api/nodes/${f.node}`, params: n, fresh: true, expect: [401, 404, 403, 403, 200], note: "the owner's node" },
    { method: "DELETE", path: (f) => `/api/nodes/${f.memberNode}`, params: (f) => ({ id: f.memberNode }), fresh: true, expect: [401, 404, 403, 200, 200], note: "the member's own node" },
  ],
  "nodes/[id]/cancel": [{ method: "POST", path: (f) => `/api/nodes/${f.runningNode}/cancel`, params: (f) => ({ id: f.runningNode }), running: true, expect: [401, 404, 403, 200, 200] }],
  "nodes/[id]/context": [{ method: "GET", path: (f) => `/api/nodes/${f.node}/context`, params: n, expect: [401, 404, 200, 200, 200] }],
  "nodes/[id]/events": [{ method: "GET", path: (f) => `/api/nodes/${f.node}/events`, params: n, expect: [401, 404, 200, 200, 200] }],
  "trees/[id]/shares": [
    { method: "GET", path: (f) => `/api/trees/${f.tree}/shares`, params: t, expect: [401, 404, 200, 200, 200] },
    { method: "POST", path: (f) => `/api/trees/${f.tree}/shares`, params: t, json: (f) => ({ nodeId: f.node }), expect: [401, 404, 403, 201, 201] },
  ],
  "shares/[id]": [{ method: "DELETE", path: (f) => `/api/shares/${f.shareId}`, params: (f) => ({ id: f.shareId }), fresh: true, expect: [401, 404, 403, 403, 200], note: "the owner's link" }],
  "s/[token]": [{ method: "GET", path: (f) => `/api/s/${f.shareToken}`, params: (f) => ({ token: f.shareToken }), expect: [200, 200, 200, 200, 200], note: "a read-only link needs no sign-in" }],
  "s/[token]/nodes/[nodeId]": [
    { method: "GET", path: (f) => `/api/s/${f.shareToken}/nodes/${f.node}`, params: (f) => ({ token: f.shareToken, nodeId: f.node }), expect: [200, 200, 200, 200, 200] },
  ],
  "s/[token]/nodes/[nodeId]/events": [
    { method: "GET", path: (f) => `/api/s/${f.shareToken}/nodes/${f.node}/events`, params: (f) => ({ token: f.shareToken, nodeId: f.node }), expect: [200, 200, 200, 200, 200] },
  ],
  "s/[token]/nodes/[nodeId]/context": [
    { method: "GET", path: (f) => `/api/s/${f.shareToken}/nodes/${f.node}/context`, params: (f) => ({ token: f.shareToken, nodeId: f.node }), expect: [200, 200, 200, 200, 200] },
  ],
  "s/[token]/copy": [
    { method: "POST", path: (f) => `/api/s/${f.shareToken}/copy`, params: (f) => ({ token: f.shareToken }), expect: [401, 201, 403, 201, 201], note: "anyone with the link may copy it into a workspace they write in" },
  ],
  "nodes/[id]/repeat": [{ method: "POST", path: (f) => `/api/nodes/${f.node}/repeat`, params: n, json: () => ({}), expect: [401, 404, 403, 201, 201] }],
  "nodes/[id]/compact": [
    { method: "POST", path: (f) => `/api/nodes/${f.node}/compact`, params: n, json: () => ({}), expect: [401, 404, 403, 201, 201], note: "compacting calls the provider and adds a root: a member's right" },
  ],
};

const API = path.join(process.cwd(), "app", "api");

/** Every route file under app/api, as its folder ("trees/[id]/nodes"). */
function routeFolders(dir = API): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFolders(full);
    return entry.name === "route.ts" ? [path.relative(API, dir).split(path.sep).join("/")] : [];
  });
}

let arbor: SignedInArbor;
let database: Database;
let team: Team;

beforeAll(async () => {
  arbor = await openSignedInArbor();
  ({ database, team } = arbor);
}, 60_000);

/** Nodes started to stay running (some are cancelled by the case, others run to their end). */
const started: string[] = [];

afterAll(async () => {
  // Let every started run end, and the engine save what it generated, before the database closes under them.
  const { waitForNodeEnd } = await import("@/lib/server/runs/remote");
  for (const id of started) await waitForNodeEnd(database.db, id, 30_000);
  for (let i = 0; i < 300; i++) {
    const { rows } = (await database.db.execute(`select count(*)::int as n from offline_responses where response->>'status' in ('queued', 'in_progress')`)) as unknown as { rows: { n: number }[] };
    if (rows[0]?.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await arbor.close();
});

async function call(folder: string, c: Case, cookie: string | null, f: Fixture): Promise<number> {
  const mod = (await import(path.join(API, folder, "route.ts"))) as Record<string, RouteHandler>;
  const handler = mod[c.method];
  if (!handler) throw new Error(`${folder} exports no ${c.method}`);
  const headers = new Headers({ accept: c.accept ?? "application/json" });
  if (cookie) headers.set("cookie", cookie);
  let body: BodyInit | undefined;
  if (c.json) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(c.json(f));
  } else if (c.form) body = c.form();
  const response = await handler(new Request(`${TEAM_BASE}${c.path(f)}`, { method: c.method, headers, body }), { params: Promise.resolve(c.params?.(f) ?? {}) });
  await response.body?.cancel(); // an event stream would run on; its status is all that is asked
  return response.status;
}

/** Trees and nodes in workspace "local" (the owner's and the member's), and a running node when asked for. */
async function fixture(running: boolean): Promise<Fixture> {
  const trees = await import("@/app/api/trees/route");
  const nodes = await import("@/app/api/trees/[id]/nodes/route");
  const make = async (cookie: string) => {
    const res = await trees.POST(new Request(`${TEAM_BASE}/api/trees`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ model: "offline-echo" }) }), { params: Promise.resolve({}) });
    const { tree } = (await res.json()) as { tree: { id: string } };
    const node = async (input: string) => {
      const r = await nodes.POST(new Request(`${TEAM_BASE}/api/trees/${tree.id}/nodes`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ parentId: null, input }) }), {
        params: Promise.resolve({ id: tree.id }),
      });
      return ((await r.json()) as { node: { id: string } }).node.id;
    };
    return { tree: tree.id, node: await node("Hello") };
  };
  const owned = await make(team.owner);
  const mine = await make(team.member);
  // A node that stays running: the offline engine holds its first token when asked to.
  const runningNode = !running ? "none" : await (await import("@/lib/server/auth/context")).actAs(
    { userId: "x", name: "x", email: null, workspaceId: "local", workspaceName: "", role: "owner" },
    async () => {
      const { createNode } = await import("@/lib/server/services/nodes");
      const { createNodeSchema } = await import("@/lib/contracts/nodes");
      const { node } = await createNode(owned.tree, createNodeSchema.parse({ parentId: null, input: "A long answer, please", params: { metadata: { arbor_offline_ttft_ms: "3000" } } }));
      started.push(node.id);
      return node.id;
    },
  );
  const shares = await import("@/app/api/trees/[id]/shares/route");
  const shared = await shares.POST(
    new Request(`${TEAM_BASE}/api/trees/${owned.tree}/shares`, { method: "POST", headers: { cookie: team.owner, "content-type": "application/json" }, body: JSON.stringify({ nodeId: owned.node }) }),
    { params: Promise.resolve({ id: owned.tree }) },
  );
  const { share } = (await shared.json()) as { share: { id: string; token: string } };
  return { tree: owned.tree, node: owned.node, memberTree: mine.tree, memberNode: mine.node, runningNode, shareId: share.id, shareToken: share.token };
}

describe("authorization of every route", () => {
  it("has an entry for every route file in app/api", () => {
    const folders = routeFolders().sort();
    expect(folders.filter((f) => !(f in TABLE))).toEqual([]);
    expect(Object.keys(TABLE).filter((k) => !folders.includes(k))).toEqual([]);
  });

  it("has a case for every method a route serves (the others answer 405)", async () => {
    const CATCH_ALL = new Set(["[...path]", "auth/[...all]", "offline/v1/[...path]", "v1/[...path]"]);
    const untested: string[] = [];
    const f = await fixture(false);
    for (const folder of routeFolders().filter((f) => !CATCH_ALL.has(f))) {
      const mod = (await import(path.join(API, folder, "route.ts"))) as Record<string, unknown>;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof mod[m] === "function")) {
        if (TABLE[folder]?.some((c) => c.method === method)) continue;
        const status = await call(folder, { method, path: () => `/api/${folder}`, expect: [0, 0, 0, 0, 0] }, team.owner, f);
        if (status !== 405) untested.push(`${method} ${folder} (${status})`);
      }
    }
    expect(untested).toEqual([]);
  }, 120_000);

  it("answers each caller as the policy says, before the route acts", async () => {
    const cookies: Record<Who, string | null> = { signedOut: null, outsider: team.outsider, viewer: team.viewer, member: team.member, owner: team.owner };
    const shared = await fixture(false);
    const got: string[] = [];
    const want: string[] = [];
    for (const [folder, cases] of Object.entries(TABLE)) {
      for (const c of cases) {
        for (const [i, who] of WHO.entries()) {
          const f = c.fresh || c.running ? await fixture(Boolean(c.running)) : shared;
          const status = await call(folder, c, cookies[who], f);
          got.push(`${c.method} ${folder} as ${who}: ${status}`);
          want.push(`${c.method} ${folder} as ${who}: ${c.expect[i]}`);
        }
      }
    }
    expect(got).toEqual(want);
  }, 300_000);

  it("searches only the caller's own workspace", async () => {
    const f = await fixture(false);
    const search = async (cookie: string) => {
      const response = await call("search", { method: "GET", path: () => "/api/search?q=Hello", expect: [0, 0, 0, 0, 0] }, cookie, f);
      expect(response).toBe(200);
      const mod = (await import(path.join(API, "search", "route.ts"))) as Record<string, RouteHandler>;
      const res = await mod.GET!(new Request(`${TEAM_BASE}/api/search?q=Hello`, { headers: { cookie, accept: "application/json" } }), { params: Promise.resolve({}) });
      return (await res.json()) as { nodes: { treeId: string }[] };
    };
    expect((await search(team.owner)).nodes.map((hit) => hit.treeId)).toContain(f.tree);
    expect((await search(team.outsider)).nodes.filter((hit) => hit.treeId === f.tree || hit.treeId === f.memberTree)).toEqual([]);
  }, 60_000);
});
