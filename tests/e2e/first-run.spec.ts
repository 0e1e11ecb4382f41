import { ExplorerPage, fetchNode, fetchTree, saveArtifact, treeIdInUrl } from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

// A slow offline engine (20 tokens/s, about five seconds per answer) so the stream can be watched while it runs.
serverForThisFile({ ARBOR_OFFLINE_TPS: "20" });

test("first run: create a tree from the home page, send a message and watch the answer stream in", async ({ page, request }) => {
  await page.goto("/");
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { name: "Start your first tree" })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Trees" }).getByText("No trees yet.")).toBeVisible();
  await saveArtifact(page, "home-empty");

  await main.getByRole("button", { name: "New tree" }).click();
  // Nothing is saved until the first message: the page is a new tree's, not a tree's yet.
  await expect(page).toHaveURL(/\/t\/new$/);
  expect((await (await request.get("/api/trees")).json()).trees).toEqual([]);
  const explorer = new ExplorerPage(page);
  await expect(page.getByTestId("empty-tree")).toContainText("Type a message to start");
  await expect(explorer.composerTarget).toHaveText(/^New root/);
  await expect(explorer.inspector).toContainText("No node selected");

  await explorer.composer.fill("What can you do?");
  await explorer.sendButton.click();

  // The node is in the graph, selected, while its answer is still arriving.
  await expect(explorer.cards).toHaveCount(1);
  const card = explorer.cards.first();
  await expect(card).toHaveAttribute("data-selected", "true");
  const nodeId = await card.getAttribute("data-node-id");
  if (nodeId === null) throw new Error("The card has no data-node-id");
  await expect(page).toHaveURL(new RegExp(`[?&]node=${nodeId}$`));
  const treeId = treeIdInUrl(page);
  await expect(explorer.composer).toHaveValue("");

  // Read the card and the inspector in one go, so "partial text" and "still streaming" are seen at the same moment.
  const snapshot = () =>
    page.evaluate(() => {
      const node = document.querySelector<HTMLElement>('[data-testid="graph-node"]');
      const answer = document.querySelector<HTMLElement>('aside[aria-label="Inspector"] section[aria-label="Answer"]');
      const cardText = node?.querySelector('[data-testid="node-answer"]')?.textContent ?? "";
      const inspectorText = answer?.innerText ?? "";
      return {
        cardStreaming: node?.dataset.status === "in_progress" && /streaming/.test(node.innerText),
        cardShowsPartialText: cardText.includes("offline-assistant"),
        inspectorStreaming: answer?.getAttribute("aria-busy") === "true" && inspectorText.includes("streaming…"),
        inspectorShowsPartialText: inspectorText.includes("offline-assistant") && !inspectorText.includes("offline-echo model"),
      };
    });
  await expect
    .poll(snapshot, { intervals: [50], message: "partial answer visible while the node is in progress" })
    .toEqual({ cardStreaming: true, cardShowsPartialText: true, inspectorStreaming: true, inspectorShowsPartialText: true });
  // The saved node already counts everywhere, while it streams.
  // The tree takes its name from its first question.
  await expect(page.getByRole("navigation", { name: "Tree list" }).getByRole("link", { name: /What can you do\?/ })).toContainText("1 node");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What can you do?");
  await expect(card).toHaveAttribute("data-status", "in_progress");
  await saveArtifact(page, "streaming-in-progress");

  // Then it completes: the card says so, the inspector shows the whole answer rendered as markdown.
  await expect(card).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
  await expect(explorer.answer).toHaveAttribute("aria-busy", "false");
  await expect(explorer.answer.getByText("streaming…")).toHaveCount(0);
  await expect(explorer.answer.getByRole("listitem")).toHaveCount(4);
  await expect(explorer.answer.getByRole("listitem").first()).toHaveText("say hello;");
  await expect(explorer.answer).toContainText("received, use the offline-echo model.");
  await expect(explorer.inspector.getByTitle("completed")).toBeVisible();
  await expect(explorer.composerTarget).toHaveText("Continue from “What can you do?”");

  const saved = await fetchNode(request, nodeId);
  expect(saved.status).toBe("completed");
  expect(saved.model).toBe("offline-assistant");
  expect((await fetchTree(request, treeId)).nodes.map((node) => node.id)).toEqual([nodeId]);

  // The home page now lists the tree.
  await page.getByRole("link", { name: "Arbor" }).click();
  await expect(page).toHaveURL(/\/$/);
  const listed = main.getByRole("link", { name: /What can you do\?/ });
  await expect(listed).toContainText("1 node");
  await saveArtifact(page, "home-with-tree");
  await listed.click();
  await expect(page).toHaveURL(new RegExp(`/t/${treeId}$`));
  await expect(explorer.card(nodeId)).toHaveAttribute("data-status", "completed");
  await page.reload();
  await expect(page).toHaveTitle("What can you do? · Arbor");
});
