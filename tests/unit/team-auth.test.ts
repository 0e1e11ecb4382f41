import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import * as meRoute from "@/app/api/me/route";
import * as treesRoute from "@/app/api/trees/route";
import { resetEnvForTests } from "@/lib/env";
import { authEnabled, authStartupProblem } from "@/lib/server/auth/mode";
import { openDatabase, setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { callRoute } from "./support/routes";
import { invite, sessionCookie, signUp, signUpRaw, TEAM_BASE, TEST_SECRET } from "./support/team";

describe("when sign-in is on", () => {
  let database: Database;
  beforeAll(async () => {
    process.env.ARBOR_AUTH = "on";
    process.env.ARBOR_SECRET = TEST_SECRET;
    process.env.ARBOR_EXAMPLE_TREE = "off";
    resetEnvForTests();
    database = await openDatabase({ kind: "pglite" });
    setDatabaseForTests(database);
  });
  afterAll(async () => {
    delete process.env.ARBOR_AUTH;
    delete process.env.ARBOR_SECRET;
    resetEnvForTests();
    await database.close();
  });

  it("asks for a session, makes the first account the owner, and then takes new accounts by invite only", async () => {
    const signedOut = await callRoute(treesRoute.GET, `${TEAM_BASE}/api/trees`);
    expect(signedOut.status).toBe(401);
    expect(signedOut.body).toMatchObject({ error: { code: "unauthorized" } });

    const first = await signUpRaw("ada@team.test");
    expect(first.status).toBe(200);
    const setCookie = first.headers.getSetCookie().find((c) => c.includes("session_token="))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain http on loopback; https in ARBOR_PUBLIC_URL makes it Secure
    const owner = sessionCookie(first);
    const me = await callRoute(meRoute.GET, `${TEAM_BASE}/api/me`, { headers: { cookie: owner } });
    expect(me.body).toMatchObject({ me: { email: "ada@team.test", role: "owner", workspaceId: "local", authEnabled: true } });

    const uninvited = await signUpRaw("eve@team.test");
    expect(uninvited.status).toBe(403);
    expect(uninvited.text).toContain("invite");
    const forged = await signUpRaw("eve@team.test", "not-a-real-token");
    expect(forged.status).toBe(403);

    const token = await invite(owner, "viewer");
    const viewer = await signUp("bob@team.test", token);
    const viewerMe = await callRoute(meRoute.GET, `${TEAM_BASE}/api/me`, { headers: { cookie: viewer } });
    expect(viewerMe.body).toMatchObject({ me: { email: "bob@team.test", role: "viewer" } });
    // An invite works once.
    expect((await signUpRaw("carl@team.test", token)).status).toBe(403);
  });

  it("refuses an expired invite", async () => {
    const owner = sessionCookie(
      await callRoute(authRoute.POST, `${TEAM_BASE}/api/auth/sign-in/email`, { method: "POST", json: { email: "ada@team.test", password: "correct horse battery" } }),
    );
    const token = await invite(owner, "member");
    await database.db.execute(`update invites set expires_at = now() - interval '1 minute' where accepted_at is null`);
    const late = await signUpRaw("late@team.test", token);
    expect(late.status).toBe(403);
  });

  it("signs out: the session no longer works", async () => {
    const signIn = await callRoute(authRoute.POST, `${TEAM_BASE}/api/auth/sign-in/email`, { method: "POST", json: { email: "bob@team.test", password: "correct horse battery" } });
    const cookie = sessionCookie(signIn);
    expect((await callRoute(meRoute.GET, `${TEAM_BASE}/api/me`, { headers: { cookie } })).status).toBe(200);
    const out = await callRoute(authRoute.POST, `${TEAM_BASE}/api/auth/sign-out`, { method: "POST", headers: { cookie, origin: TEAM_BASE }, json: {} });
    expect(out.status).toBe(200);
    expect((await callRoute(meRoute.GET, `${TEAM_BASE}/api/me`, { headers: { cookie } })).status).toBe(401);
  });
});

describe("the sign-in setting", () => {
  it("is off on loopback when unset, on beyond it, and as told when set", () => {
    expect(authEnabled({ HOST: "127.0.0.1", ARBOR_AUTH: undefined }, [])).toBe(false);
    expect(authEnabled({ HOST: "localhost", ARBOR_AUTH: undefined }, [])).toBe(false);
    expect(authEnabled({ HOST: "0.0.0.0", ARBOR_AUTH: undefined }, [])).toBe(true);
    expect(authEnabled({ HOST: "127.0.0.1", ARBOR_AUTH: undefined }, ["node", "next", "start", "-H", "0.0.0.0"])).toBe(true);
    expect(authEnabled({ HOST: "0.0.0.0", ARBOR_AUTH: "off" }, [])).toBe(false);
    expect(authEnabled({ HOST: "127.0.0.1", ARBOR_AUTH: "on" }, [])).toBe(true);
  });

  it("refuses to start exposed without a secret, and says how to fix it", () => {
    const problem = authStartupProblem({ HOST: "0.0.0.0", ARBOR_AUTH: undefined, ARBOR_SECRET: undefined }, []);
    expect(problem).toContain("ARBOR_SECRET");
    expect(problem).toContain("ARBOR_AUTH=off");
    expect(authStartupProblem({ HOST: "0.0.0.0", ARBOR_AUTH: undefined, ARBOR_SECRET: TEST_SECRET }, [])).toBeNull();
    expect(authStartupProblem({ HOST: "0.0.0.0", ARBOR_AUTH: "off", ARBOR_SECRET: undefined }, [])).toBeNull();
    expect(authStartupProblem({ HOST: "127.0.0.1", ARBOR_AUTH: undefined, ARBOR_SECRET: undefined }, [])).toBeNull();
  });
});
