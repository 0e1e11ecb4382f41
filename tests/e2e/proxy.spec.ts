import OpenAI from "openai";
import { ExplorerPage, fetchTree, saveArtifact, switchTheme } from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

// The recording proxy against the production server: a script's calls through /api/v1 appear in the graph, live,
// marked as captured, and a captured node forks from the UI like any other.

const server = serverForThisFile({ ARBOR_OFFLINE_TPS: "0" });

test("a script's calls through the proxy appear live as a captured tree that forks like any other", async ({ page, request }) => {
  const openai = new OpenAI({ baseURL: `${server.url}/api/v1`, apiKey: "any", maxRetries: 0, defaultHeaders: { "X-Arbor-Tree": "Captured script" } });
  const first = await openai.responses.create({ model: "offline/offline-echo", input: "Plan a trip to Porto" });

  await page.goto("/");
  const sidebar = page.getByRole("complementary", { name: "Trees" });
  const row = sidebar.getByRole("link", { name: /Captured script/ });
  await expect(row.getByTestId("captured-badge")).toHaveText("captured · openai-node");
  await row.click();
  const explorer = new ExplorerPage(page);
  await explorer.ready();
  await expect(explorer.cards).toHaveCount(1);
  await expect(explorer.cards.first().getByTestId("captured-badge")).toHaveText("captured · openai-node");

  // A call made while the tree is open appears without a reload, under the node it continues.
  await openai.responses.create({ model: "offline-echo", input: "Two days only", previous_response_id: first.id });
  await expect(explorer.cards).toHaveCount(2);
  const treeId = new URL(page.url()).pathname.split("/").at(-1)!;
  const { nodes } = await fetchTree(request, treeId);
  const root = nodes.find((n) => n.responseId === first.id)!;
  expect(nodes.find((n) => n.id !== root.id)?.parentId).toBe(root.id);

  // Fork the captured root from the UI: a third node, made by Arbor itself, continuing the client's turn.
  await explorer.select(root.id);
  const forkId = await explorer.send("Make it a week instead");
  const after = await fetchTree(request, treeId);
  const fork = after.nodes.find((n) => n.id === forkId)!;
  expect(fork).toMatchObject({ parentId: root.id, source: null, contextMode: "chain", status: "completed" });
  await expect(page.locator(`[data-node-id="${forkId}"]`).getByTestId("captured-badge")).toHaveCount(0);
  await saveArtifact(page, "proxy-captured-light");
  await switchTheme(page, "dark");
  await saveArtifact(page, "proxy-captured-dark");
  await switchTheme(page, "light");
});

test("the Record a client dialog gives the base URL and a snippet for each client", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("complementary", { name: "Trees" }).getByRole("button", { name: "Record a client…" }).click();
  const dialog = page.getByRole("dialog", { name: "Record a client" });
  await expect(dialog.getByTestId("proxy-base-url")).toHaveText(`${server.url}/api/v1`);
  const tabs = dialog.getByRole("tab");
  await expect(tabs).toHaveText(["openai (TypeScript)", "openai (Python)", "Agents SDK", "AI SDK", "Codex CLI"]);
  // The tabs are a keyboard tab list: arrows move between them.
  await tabs.first().focus();
  await page.keyboard.press("End");
  await expect(dialog.getByRole("tab", { name: "Codex CLI" })).toHaveAttribute("aria-selected", "true");
  await expect(dialog.getByRole("tabpanel")).toContainText('wire_api = "responses"');
  await expect(dialog.getByRole("tabpanel")).toContainText(`base_url = "${server.url}/api/v1"`);
  await saveArtifact(page, "proxy-dialog-light");
  await page.keyboard.press("Escape");
  await switchTheme(page, "dark");
  await page.getByRole("complementary", { name: "Trees" }).getByRole("button", { name: "Record a client…" }).click();
  await dialog.getByRole("tab", { name: "Agents SDK" }).click();
  await expect(dialog.getByRole("tabpanel")).toContainText("setDefaultOpenAIClient");
  await saveArtifact(page, "proxy-dialog-dark");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await switchTheme(page, "light");
});
