import {
  createNodeViaApi,
  createTreeViaApi,
  ExplorerPage,
  fetchTree,
  saveArtifact,
  seedForkedTree,
} from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

serverForThisFile();

test("an empty message cannot be sent, and a refused send keeps the typed text and says why", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "Errors", model: "offline-echo" });
  const root = await createNodeViaApi(request, tree.id, { parentId: null, input: "Plan a picnic" });
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, root.id);

  const posted: string[] = [];
  page.on("request", (sent) => {
    if (sent.method() === "POST" && /\/api\/trees\/[^/]+\/nodes$/.test(sent.url())) posted.push(sent.postData() ?? "");
  });

  // Nothing to send: the button is disabled and Enter does nothing.
  await expect(explorer.sendButton).toBeDisabled();
  await explorer.composer.fill("   \n  ");
  await expect(explorer.sendButton).toBeDisabled();
  await explorer.composer.press("Enter");

  // The server refuses the next send.
  await page.route("**/api/trees/*/nodes", (route) =>
    route.fulfill({ status: 500, json: { error: { code: "internal_error", message: "The database is read-only right now." } } }),
  );
  const message = "Which cheeses travel well?";
  await explorer.composer.fill(message);
  await explorer.sendButton.click();
  const alert = page.getByRole("region", { name: "Composer" }).getByRole("alert");
  await expect(alert).toContainText("Could not send");
  await expect(alert).toContainText("internal_error");
  await expect(alert).toContainText("The database is read-only right now.");
  await expect(explorer.composer).toHaveValue(message);
  await expect(explorer.cards).toHaveCount(1);
  await saveArtifact(page, "error-state");

  // Only the real message ever went out: the blank Enter sent nothing.
  expect(posted.map((body) => (JSON.parse(body) as { input: unknown }).input)).toEqual([message]);
  expect((await fetchTree(request, tree.id)).nodes).toHaveLength(1);

  // Once the server accepts again, the kept text goes through as typed.
  await page.unroute("**/api/trees/*/nodes");
  const id = await explorer.send(message);
  await expect(alert).toHaveCount(0);
  await expect(explorer.cards).toHaveCount(2);
  await expect(explorer.answer).toContainText(`Last user message: "${message}"`);
  const { nodes } = await fetchTree(request, tree.id);
  expect(nodes.find((node) => node.id === id)?.parentId).toBe(root.id);
});

test("dark mode switches the whole page and is remembered across reloads", async ({ page, request }) => {
  const { tree, forkB } = await seedForkedTree(request, "Dark mode");
  const explorer = new ExplorerPage(page);
  const html = page.locator("html");
  await explorer.open(tree.id, forkB.id);
  await expect(html).not.toHaveClass(/\bdark\b/);

  await page.getByRole("button", { name: "Switch to dark theme" }).click();
  await expect(html).toHaveClass(/\bdark\b/);
  await expect(page.getByRole("button", { name: "Switch to light theme" })).toBeVisible();

  await page.reload();
  await expect(explorer.card(forkB.id)).toHaveAttribute("data-selected", "true");
  await expect(html).toHaveClass(/\bdark\b/);
  await expect(page.getByRole("button", { name: "Switch to light theme" })).toBeVisible();
  await expect(page.getByTestId("rf__wrapper")).toHaveClass(/\bdark\b/);
  await saveArtifact(page, "explorer-forked-dark");

  await page.getByRole("button", { name: "Switch to light theme" }).click();
  await expect(html).not.toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(explorer.cards).toHaveCount(4);
  await expect(html).not.toHaveClass(/\bdark\b/);
});

test("an unknown tree id shows the not-found state with a way back", async ({ page }) => {
  await page.goto("/t/nosuchtree00");
  await expect(page.getByRole("heading", { name: "This tree does not exist" })).toBeVisible();
  await expect(page.getByText("404 · nosuchtree00")).toBeVisible();
  await expect(page.getByRole("region", { name: "Composer" })).toHaveCount(0);
  await saveArtifact(page, "tree-not-found");

  await page.getByRole("link", { name: "Back to all trees" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("main").getByRole("button", { name: "New tree" })).toBeVisible();
});

test("a link to a node the tree does not have says so, and can be dismissed", async ({ page, request }) => {
  const { tree } = await seedForkedTree(request, "Stale link");
  await page.goto(`/t/${tree.id}?node=gone123`);
  await new ExplorerPage(page).ready();
  const notice = page.getByRole("alert").filter({ hasText: "This node is not in the tree" });
  await expect(notice).toContainText("gone123");
  await saveArtifact(page, "stale-node-link");
  await notice.getByRole("button", { name: "Dismiss" }).click();
  await expect(notice).toHaveCount(0);
  await expect(page).not.toHaveURL(/node=gone123/);
});

test("an unknown page shows the app's not-found page", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  await page.getByRole("link", { name: "Back to your trees" }).click();
  await expect(page).toHaveURL(/\/$/);
});
