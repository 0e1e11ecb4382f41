import path from "node:path";
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { seriousViolations } from "./support/axe";
import { ExplorerPage } from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

// Sign-in on, real database, two browsers at once: accounts by invite, a live shared tree, roles, read-only links,
// budgets.

const server = serverForThisFile({ ARBOR_AUTH: "on", ARBOR_SECRET: "e2e-secret-that-is-long-enough-0123456789", ARBOR_OFFLINE_TPS: "30" });
const PASSWORD = "correct horse battery";

test.describe.configure({ mode: "serial" });

let owner: BrowserContext;
let member: BrowserContext;
let treeId: string;

async function signUpThroughPage(page: Page, name: string, email: string): Promise<void> {
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: /Create/ }).click();
  await page.waitForURL(`${server.url}/`);
}

async function inviteUrl(api: APIRequestContext, role: "member" | "viewer"): Promise<string> {
  const answer = await api.post(`${server.url}/api/invites`, { data: { role }, headers: { origin: server.url } });
  expect(answer.status()).toBe(201);
  return ((await answer.json()) as { invite: { url: string } }).invite.url;
}

async function contextFor(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ baseURL: server.url });
}

test("the first account owns the workspace; the next ones join by invite, and a signed-out visitor is sent to sign in", async ({ browser }) => {
  owner = await contextFor(browser);
  const page = await owner.newPage();
  await page.goto("/");
  await page.waitForURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Create the owner account" })).toBeVisible();
  await signUpThroughPage(page, "Ada Owner", "ada@team.test");
  expect(((await (await page.request.get("/api/me")).json()) as { me: { role: string } }).me.role).toBe("owner");

  member = await contextFor(browser);
  const other = await member.newPage();
  await other.goto("/");
  await other.waitForURL(/\/sign-in$/);
  await expect(other.getByRole("heading", { name: "Sign in to Arbor" })).toBeVisible();
  await other.goto(await inviteUrl(page.request, "member"));
  await expect(other.getByRole("heading", { name: "Join the workspace" })).toBeVisible();
  await signUpThroughPage(other, "Bob Member", "bob@team.test");
  expect(((await (await other.request.get("/api/me")).json()) as { me: { role: string } }).me.role).toBe("member");
});

test("B sees the node A adds stream into the graph, and who else is viewing", async () => {
  const a = new ExplorerPage(await owner.newPage());
  const created = await a.page.request.post("/api/trees", { data: { title: "Team tree", model: "offline-echo" }, headers: { origin: server.url } });
  treeId = ((await created.json()) as { tree: { id: string } }).tree.id;
  const b = new ExplorerPage(await member.newPage());
  await a.open(treeId);
  await b.open(treeId);
  // Each sees the other in the header.
  await expect(a.page.getByTestId("presence")).toContainText("BM");
  await expect(b.page.getByTestId("presence")).toContainText("AO");

  await a.composer.fill("Hello from Ada");
  await a.sendButton.click();
  const card = b.cards.filter({ hasText: "Hello from Ada" });
  await expect(card).toHaveCount(1);
  // It was made by A: B's card says so, and the answer arrives in B's graph without a reload.
  await expect(card.getByTestId("node-creator")).toHaveText(/AO/);
  await expect(card).toHaveAttribute("data-status", "completed");
  await expect(card.getByTestId("node-answer")).toContainText("offline-echo");
});

test("a viewer has no composer to fork with, and the API refuses them", async ({ browser }) => {
  const viewer = await contextFor(browser);
  const page = await viewer.newPage();
  await page.goto(await inviteUrl((await owner.newPage()).request, "viewer"));
  await signUpThroughPage(page, "Cy Viewer", "cy@team.test");
  const explorer = new ExplorerPage(page);
  await page.goto(`/t/${treeId}`); // no composer to wait for: the explorer's own readiness
  await explorer.ready();
  await expect(explorer.cards).toHaveCount(1);
  await expect(page.getByTestId("read-only-notice")).toBeVisible();
  await expect(explorer.sendButton).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Share" })).toHaveCount(0);
  const refused = await page.request.post(`/api/trees/${treeId}/nodes`, { data: { parentId: null, input: "Let me in" }, headers: { origin: server.url } });
  expect(refused.status()).toBe(403);
  await viewer.close();
});

test("a branch link shows exactly the branch, needs no sign-in, and is dead after revoke and after expiry", async ({ browser }) => {
  const a = new ExplorerPage(await owner.newPage());
  await a.open(treeId);
  const root = (await a.drawnNodeIds())[0]!;
  await a.select(root);
  const child = await a.send("A second question");
  await a.select(root);
  await a.send("A sibling branch");
  await a.select(child);

  await a.page.getByRole("button", { name: "Share" }).click();
  const dialog = a.page.getByTestId("share-dialog");
  await expect(dialog.getByRole("radio", { name: /Only the branch/ })).toBeChecked();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const url = await dialog.getByTestId("share-url").inputValue();

  const visitor = await contextFor(browser);
  const page = await visitor.newPage();
  await page.goto(url);
  const shown = new ExplorerPage(page);
  await shown.ready();
  await expect(shown.cards).toHaveCount(2);
  expect((await shown.drawnNodeIds()).sort()).toEqual([root, child].sort());
  await expect(page.getByTestId("continue-as-copy")).toContainText("Sign in to continue as a copy");
  // The inspector works through the link: the node's stored events, and nothing of the workspace.
  await shown.select(child);
  await shown.tab("Events").click();
  await expect(shown.inspector.getByRole("tabpanel")).toContainText(/\d+ events · first token at .*response\.created/);
  expect(await seriousViolations(page)).toEqual([]);

  await dialog.getByRole("button", { name: /^Revoke/ }).click();
  await expect(dialog.getByTestId("share-list")).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();

  // A link that expires: alive, then dead once its moment has passed.
  const expiring = await a.page.request.post(`/api/trees/${treeId}/shares`, { data: { nodeId: child, expiresAt: new Date(Date.now() + 4000).toISOString() }, headers: { origin: server.url } });
  const { share } = (await expiring.json()) as { share: { url: string; expiresAt: string } };
  await page.goto(share.url);
  await expect(shown.cards).toHaveCount(2);
  await expect
    .poll(async () => {
      await page.goto(share.url);
      return page.getByRole("heading", { name: "This link does not work" }).count();
    }, { timeout: 20_000 })
    .toBe(1);
  await visitor.close();
});

test("over budget: the composer says so plainly, no node is made, and the text stays", async () => {
  const a = new ExplorerPage(await owner.newPage());
  const set = await a.page.request.put("/api/budgets", { data: { subject: "*", period: "day", maxCostUsd: null, maxTokens: 1 }, headers: { origin: server.url } });
  expect(set.status()).toBe(200);
  await a.open(treeId);
  const before = await a.cards.count();
  await a.composer.fill("One question too many");
  await a.sendButton.click();
  await expect(a.page.getByRole("alert").filter({ hasText: /budget is used up/ })).toBeVisible();
  await expect(a.composer).toHaveValue("One question too many");
  await expect(a.cards).toHaveCount(before);
  const tree = (await (await a.page.request.get(`/api/trees/${treeId}`)).json()) as { nodes: unknown[] };
  expect(tree.nodes).toHaveLength(before);
});

test("a user of another workspace gets the not-found page and 404 for the team's tree and node ids", async ({ browser }) => {
  const outsider = await contextFor(browser);
  const page = await outsider.newPage();
  await page.goto(await inviteUrl((await owner.newPage()).request, "member"));
  await signUpThroughPage(page, "Dee Elsewhere", "dee@other.test");
  const { nodes } = (await (await (await owner.newPage()).request.get(`/api/trees/${treeId}`)).json()) as { nodes: { id: string }[] };
  expect((await page.request.get(`/api/trees/${treeId}`)).status()).toBe(200);

  // Arbor makes one workspace per deployment; a second one (a deployment that hosts several) is made in the database,
  // with the server stopped (PGlite is one process's), and Dee moved into it. Her session lives on.
  await server.stop();
  const { PGlite } = await import("@electric-sql/pglite");
  const db = new PGlite(path.join(server.dataDir, "pglite"));
  await db.exec(`insert into workspaces (id, name) values ('elsewhere', 'Another team')`);
  await db.exec(`update workspace_members set workspace_id = 'elsewhere', role = 'owner' where user_id = (select id from auth_users where email = 'dee@other.test')`);
  await db.close();
  await server.start();

  expect(((await (await page.request.get("/api/me")).json()) as { me: { workspaceId: string } }).me.workspaceId).toBe("elsewhere");
  for (const url of [`/api/trees/${treeId}`, `/api/trees/${treeId}/export`, `/api/nodes/${nodes[0]!.id}`, `/api/nodes/${nodes[0]!.id}/events`]) {
    const answer = await page.request.get(url);
    expect(answer.status(), url).toBe(404);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("not_found");
  }
  const deleted = await page.request.delete(`/api/trees/${treeId}`, { headers: { origin: server.url } });
  expect(deleted.status()).toBe(404);
  await page.goto(`/t/${treeId}`);
  await expect(page.getByRole("heading", { name: "This tree does not exist" })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Trees" })).not.toContainText("Team tree");
  // The team still has it, untouched.
  expect((await (await owner.newPage()).request.get(`/api/trees/${treeId}`)).status()).toBe(200);
  await outsider.close();
});
