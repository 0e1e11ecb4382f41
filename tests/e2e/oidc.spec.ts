import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { saveArtifact, switchTheme } from "./support/explorer";
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, oidcIssuerForThisFile } from "./support/oidc-issuer";
import { e2ePort, serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

// Sign-in through a real OpenID Connect issuer on loopback: the first account made through it owns the workspace,
// a stranger it knows is still refused without an invite, an invite link lets someone join with the invite's role,
// and a password account with the same (issuer-verified) email is the same person.

const arborUrl = `http://127.0.0.1:${e2ePort}`;
const issuer = oidcIssuerForThisFile(e2ePort + 1, arborUrl);
const server = serverForThisFile({
  ARBOR_AUTH: "on",
  ARBOR_SECRET: "e2e-secret-that-is-long-enough-0123456789",
  ARBOR_OIDC_ISSUER: issuer.issuer,
  ARBOR_OIDC_CLIENT_ID: OIDC_CLIENT_ID,
  ARBOR_OIDC_CLIENT_SECRET: OIDC_CLIENT_SECRET,
  ARBOR_OIDC_NAME: "Test IdP",
});
const PASSWORD = "correct horse battery";

test.describe.configure({ mode: "serial" });

let owner: BrowserContext;

type Me = { me: { userId: string; email: string; role: string } };

async function contextFor(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ baseURL: server.url });
}

/** At the issuer's development login form: any login (here the email) and any password, then consent. */
async function logInAtIssuer(page: Page, email: string): Promise<void> {
  await page.waitForURL((url) => url.origin === issuer.issuer);
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

async function inviteUrl(api: APIRequestContext, role: "member" | "viewer"): Promise<string> {
  const answer = await api.post(`${server.url}/api/invites`, { data: { role }, headers: { origin: server.url } });
  expect(answer.status()).toBe(201);
  return ((await answer.json()) as { invite: { url: string } }).invite.url;
}

async function me(page: Page): Promise<Me["me"]> {
  const answer = await page.request.get("/api/me");
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as Me).me;
}

test("the first account made through the issuer owns the workspace", async ({ browser }) => {
  owner = await contextFor(browser);
  const page = await owner.newPage();
  await page.goto("/");
  await page.waitForURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Create the owner account" })).toBeVisible();
  await page.getByRole("button", { name: "Continue with Test IdP" }).click();
  await logInAtIssuer(page, "olga.owner@team.test");
  await page.waitForURL(`${server.url}/`);
  expect(await me(page)).toMatchObject({ email: "olga.owner@team.test", role: "owner" });
});

test("the sign-in page offers the issuer by keyboard, and a stranger it knows is refused without an invite", async ({ browser }) => {
  const stranger = await contextFor(browser);
  const page = await stranger.newPage();
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in to Arbor" })).toBeVisible();
  // The email field has the focus; the issuer's button is one step back, and Enter presses it.
  const button = page.getByRole("button", { name: "Sign in with Test IdP" });
  await expect(button).toBeEnabled();
  await expect(page.getByRole("textbox", { name: "Email" })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(button).toBeFocused();
  await page.keyboard.press("Enter");
  await logInAtIssuer(page, "eve.stranger@team.test");

  await page.waitForURL(/\/sign-in\?error=INVITE_REQUIRED/);
  await expect(page.getByTestId("oidc-error")).toContainText("accounts are made by invitation");
  await expect(page.getByTestId("oidc-error")).toContainText("Join with Test IdP");
  expect((await page.request.get("/api/me")).status()).toBe(401);
  await stranger.close();

  // Nobody was added to the workspace.
  const members = await (await owner.request.get("/api/members")).json();
  expect((members as { members: { email: string }[] }).members.map((m) => m.email)).toEqual(["olga.owner@team.test"]);
});

test("an invite link lets someone join through the issuer with the invite's role, once", async ({ browser }) => {
  const url = await inviteUrl(owner.request, "viewer");
  const viewer = await contextFor(browser);
  const page = await viewer.newPage();
  await page.goto(url);
  await expect(page.getByRole("heading", { name: "Join the workspace" })).toBeVisible();
  await page.getByRole("button", { name: "Join with Test IdP" }).click();
  await logInAtIssuer(page, "vic.viewer@team.test");
  await page.waitForURL(`${server.url}/`);
  expect(await me(page)).toMatchObject({ email: "vic.viewer@team.test", role: "viewer" });
  await viewer.close();

  // The invite is spent: the link no longer works for the next person.
  const late = await contextFor(browser);
  const latePage = await late.newPage();
  await latePage.goto(url);
  await expect(latePage.getByRole("heading", { name: "This invite link does not work" })).toBeVisible();
  await late.close();
});

test("someone with a password account who signs in through the issuer with the same email is the same person", async ({ browser }) => {
  const url = await inviteUrl(owner.request, "member");
  const first = await contextFor(browser);
  const page = await first.newPage();
  await page.goto(url);
  await page.getByRole("textbox", { name: "Name" }).fill("Pat Member");
  await page.getByRole("textbox", { name: "Email" }).fill("pat@team.test");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${server.url}/`);
  const withPassword = await me(page);
  await first.close();

  const second = await contextFor(browser);
  const again = await second.newPage();
  await again.goto("/sign-in");
  await again.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await logInAtIssuer(again, "pat@team.test");
  await again.waitForURL(`${server.url}/`);
  expect(await me(again)).toMatchObject({ userId: withPassword.userId, email: "pat@team.test", role: "member" });
  await second.close();
});

test("a failed callback says what went wrong, in both themes", async ({ browser }) => {
  const visitor = await contextFor(browser);
  const page = await visitor.newPage();
  // A callback this browser did not start (a stale or forged state) is refused and explained on the sign-in page.
  await page.goto("/api/auth/callback/oidc?code=forged&state=not-a-state-arbor-made");
  await page.waitForURL(/\/sign-in\?error=/);
  await expect(page.getByTestId("oidc-error")).toContainText("Try again");
  expect((await page.request.get("/api/me")).status()).toBe(401);

  // Where Better Auth sends the browser when the issuer answers with an error.
  await page.goto("/sign-in?error=access_denied&error_description=%3Cb%3Eanything%3C%2Fb%3E");
  await expect(page.getByTestId("oidc-error")).toHaveText("Sign-in was cancelled at Test IdP.");
  await switchTheme(page, "light");
  await saveArtifact(page, "oidc-sign-in-error-light");
  await switchTheme(page, "dark");
  await saveArtifact(page, "oidc-sign-in-error-dark");
  await page.goto("/sign-in");
  await expect(page.getByTestId("oidc-error")).toHaveCount(0);
  await saveArtifact(page, "oidc-sign-in-dark");
  await switchTheme(page, "light");
  await saveArtifact(page, "oidc-sign-in-light");
  await visitor.close();
});
