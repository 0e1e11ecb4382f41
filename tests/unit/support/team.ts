import * as authRoute from "@/app/api/auth/[...all]/route";
import * as invitesRoute from "@/app/api/invites/route";
import * as tokensRoute from "@/app/api/tokens/route";
import type { WorkspaceRole } from "@/lib/contracts/team";
import type { Db } from "@/lib/server/db/client";
import { addMember, insertWorkspace } from "@/lib/server/db/workspaces";
import { resetEnvForTests } from "@/lib/env";
import { handleOfflineRequest } from "@/lib/offline/http/router";
import { openDatabase, setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { serve, type Served } from "./http";
import { callRoute, type RouteAnswer } from "./routes";

export const TEAM_BASE = "http://127.0.0.1:3000";
export const TEST_SECRET = "a-test-secret-that-is-long-enough-0123456789";

/** The session cookie a Better Auth answer sets, as a Cookie header. */
export function sessionCookie(answer: RouteAnswer): string {
  const cookies = answer.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const session = cookies.find((c) => c.includes("session_token="));
  if (!session) throw new Error(`no session cookie in ${answer.status} ${answer.text}`);
  return session;
}

/** Sign up through Better Auth's own route (the first account, or with an invite token); answers the raw reply. */
export async function signUpRaw(email: string, inviteToken?: string): Promise<RouteAnswer> {
  return callRoute(authRoute.POST, `${TEAM_BASE}/api/auth/sign-up/email`, {
    method: "POST",
    json: { name: email.split("@")[0], email, password: "correct horse battery", ...(inviteToken ? { inviteToken } : {}) },
  });
}

/** Sign up and answer the session cookie. */
export async function signUp(email: string, inviteToken?: string): Promise<string> {
  return sessionCookie(await signUpRaw(email, inviteToken));
}

/** An invite made by the owner whose cookie is given; answers its token. */
export async function invite(ownerCookie: string, role: Exclude<WorkspaceRole, "owner">): Promise<string> {
  const answer = await callRoute(invitesRoute.POST, `${TEAM_BASE}/api/invites`, { method: "POST", json: { role }, headers: { cookie: ownerCookie } });
  const url = (answer.body as { invite?: { url?: string } } | null)?.invite?.url;
  if (!url) throw new Error(`invite failed: ${answer.status} ${answer.text}`);
  return new URL(url).searchParams.get("invite")!;
}

/** A personal API token made through the route by the user whose cookie is given (the key a client gives the proxy). */
export async function apiToken(cookie: string, name: string): Promise<{ id: string; token: string }> {
  const answer = await callRoute(tokensRoute.POST, `${TEAM_BASE}/api/tokens`, { method: "POST", json: { name }, headers: { cookie, origin: TEAM_BASE } });
  if (answer.status !== 201) throw new Error(`token failed: ${answer.status} ${answer.text}`);
  return (answer.body as { token: { id: string; token: string } }).token;
}

export type Team = { owner: string; member: string; viewer: string; outsider: string };

/**
 * Workspace "local" with an owner, a member and a viewer (joined by invite), and a user of another workspace (made
 * by invite, then moved to a workspace of their own).
 */
export async function makeTeam(db: Db): Promise<Team> {
  const owner = await signUp("owner@team.test");
  const member = await signUp("member@team.test", await invite(owner, "member"));
  const viewer = await signUp("viewer@team.test", await invite(owner, "viewer"));
  const outsider = await signUp("outsider@other.test", await invite(owner, "member"));
  const { rows } = (await db.execute(`select id from auth_users where email = 'outsider@other.test'`)) as unknown as { rows: { id: string }[] };
  const outsiderId = rows[0]!.id;
  await insertWorkspace(db, "other", "Other team");
  await db.execute(`delete from workspace_members where user_id = '${outsiderId}'`);
  await addMember(db, "other", outsiderId, "owner");
  return { owner, member, viewer, outsider };
}

export type SignedInArbor = { database: Database; offline: Served; team: Team; close: () => Promise<void> };

/**
 * Arbor with sign-in on, on a fresh PGlite, the offline engine served over real HTTP as its upstream, and a team
 * (see makeTeam). `env` adds settings (given the engine's URL); `onRequest` sees each request the engine gets.
 * `close` puts the environment back and closes both.
 */
export async function openSignedInArbor(options: { env?: (offlineUrl: string) => Record<string, string>; onRequest?: (request: Request) => void } = {}): Promise<SignedInArbor> {
  const offline = await serve((request) => {
    options.onRequest?.(request);
    return handleOfflineRequest(request, new URL(request.url).pathname.split("/").filter(Boolean).slice(1));
  });
  const env = { ARBOR_AUTH: "on", ARBOR_SECRET: TEST_SECRET, ARBOR_OFFLINE_BASE_URL: `${offline.url}/v1`, ARBOR_OFFLINE_TPS: "0", ARBOR_EXAMPLE_TREE: "off", ...options.env?.(offline.url) };
  Object.assign(process.env, env);
  resetEnvForTests();
  const database = await openDatabase({ kind: "pglite" });
  setDatabaseForTests(database);
  const team = await makeTeam(database.db);
  return {
    database,
    offline,
    team,
    close: async () => {
      for (const key of Object.keys(env)) delete process.env[key];
      resetEnvForTests();
      await database.close();
      await offline.close();
    },
  };
}
