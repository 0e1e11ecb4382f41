import {
  createTreeViaApi,
  ExplorerPage,
  fetchNode,
  fetchTree,
  saveArtifact,
  seedForkedTree,
  selectedInUrl,
  treeIdInUrl,
} from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

const server = serverForThisFile();

test("forking the first node twice grows two branches side by side, each answered from the root's context", async ({ page, request }) => {
  await page.goto("/");
  await page.getByRole("complementary", { name: "Trees" }).getByRole("button", { name: "New tree" }).click();
  // Nothing is saved until the first message: the page is a new tree's, not a tree's yet.
  await expect(page).toHaveURL(/\/t\/new$/);
  const explorer = new ExplorerPage(page);
  await explorer.modelSelect.selectOption({ label: "offline-echo" });

  const rootId = await explorer.send("Plan a picnic");
  const treeId = treeIdInUrl(page);
  await expect(explorer.composerTarget).toHaveText("Continue from “Plan a picnic”");
  const forkAId = await explorer.send("Make it vegetarian");

  // Back to the first node: the second follow-up forks from it, not from the last node.
  await explorer.select(rootId);
  await expect(explorer.composerTarget).toHaveText("Continue from “Plan a picnic”");
  const forkBId = await explorer.send("Make it a beach picnic");

  await expect(explorer.cards).toHaveCount(3);
  await expect(page.getByText("3 nodes", { exact: true })).toBeVisible();
  const { nodes } = await fetchTree(request, treeId);
  const parentOf = Object.fromEntries(nodes.map((node) => [node.id, node.parentId]));
  expect(parentOf).toEqual({ [rootId]: null, [forkAId]: rootId, [forkBId]: rootId });
  expect(nodes.every((node) => node.model === "offline-echo")).toBe(true);

  // Left-to-right layout: the two children share a column right of the root, one above the other, not overlapping,
  // and the root sits between them.
  const root = await boundingBox(explorer, rootId);
  const forkA = await boundingBox(explorer, forkAId);
  const forkB = await boundingBox(explorer, forkBId);
  expect(Math.abs(forkA.x - forkB.x)).toBeLessThan(1);
  expect(forkA.x).toBeGreaterThan(root.x + root.width);
  expect(Math.abs(forkA.y - forkB.y)).toBeGreaterThanOrEqual(forkA.height);
  const centre = (box: Box) => box.y + box.height / 2;
  expect(centre(root)).toBeGreaterThan(Math.min(centre(forkA), centre(forkB)));
  expect(centre(root)).toBeLessThan(Math.max(centre(forkA), centre(forkB)));
  await expect(page.getByTestId(`rf__edge-${rootId}->${forkAId}`)).toBeVisible();
  await expect(page.getByTestId(`rf__edge-${rootId}->${forkBId}`)).toBeVisible();

  // offline-echo describes what the second fork received: the root's turn by previous_response_id, then its own text.
  const rootResponseId = nodes.find((node) => node.id === rootId)?.responseId;
  const forkAResponseId = nodes.find((node) => node.id === forkAId)?.responseId;
  expect(rootResponseId).toMatch(/^resp_/);
  await expect(explorer.inspectedNodeId()).toHaveText(forkBId);
  await expect(explorer.answer).toContainText("Turns: 3 (2 user, 1 assistant)");
  await expect(explorer.answer).toContainText(`History: previous_response_id ${rootResponseId} (1 stored response)`);
  await expect(explorer.answer).toContainText('Last user message: "Make it a beach picnic"');
  await expect(explorer.answer).not.toContainText(String(forkAResponseId));
  await expect(explorer.inspector.getByTestId("context-note")).toContainText(`chain via previous_response_id ${rootResponseId}`);
  // Each new node was brought into view by as short a pan as it needed: the root it grew from is still whole on screen.
  for (const id of [rootId, forkAId, forkBId]) await expect(explorer.card(id)).toBeInViewport({ ratio: 0.99 });
  await saveArtifact(page, "explorer-forked-light");
});

// Cards created in the page are never rendered while off screen; Fit view must still count them.
test("Fit view brings every card into view after sending follow-ups", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "Fit view", model: "offline-echo" });
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id);
  const ids = [await explorer.send("one"), await explorer.send("two"), await explorer.send("three")];

  await page.getByRole("toolbar", { name: "Graph" }).getByRole("button", { name: "Fit view" }).click();
  const viewport = await explorer.graph.boundingBox();
  if (!viewport) throw new Error("The graph is not on screen");
  const inViewport = async (id: string) => {
    const box = await boundingBox(explorer, id);
    return box.x >= viewport.x && box.x + box.width <= viewport.x + viewport.width;
  };
  await expect.poll(async () => Promise.all(ids.map(inViewport))).toEqual([true, true, true]);
});

test("Edit and Regenerate add siblings and leave the original node untouched", async ({ page, request }) => {
  const { tree, root, forkA, deep } = await seedForkedTree(request, "Edit and regenerate");
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, forkA.id);
  await expect(explorer.cards).toHaveCount(4);
  const originalAnswer = await explorer.card(forkA.id).getByTestId("node-answer").textContent();
  expect(originalAnswer).toContain("offline-echo");

  // Edit: the composer is prefilled with the turn's text and sending makes a sibling.
  await page.getByRole("group", { name: "Send as" }).getByRole("button", { name: "Edit", exact: true }).click();
  await expect(explorer.composer).toHaveValue("Make it vegetarian");
  await expect(explorer.composerTarget).toHaveText("Edit as a sibling of “Make it vegetarian”");
  const editedId = await explorer.send("Make it vegan");
  await expect(explorer.cards).toHaveCount(5);
  await expect(explorer.card(editedId).getByTestId("node-input")).toHaveText("Make it vegan");
  await expect(explorer.answer).toContainText('Last user message: "Make it vegan"');

  // Regenerate: same input, same parent, a new node.
  await explorer.select(forkA.id);
  const regeneratedId = await explorer.regenerate();
  await expect(explorer.cards).toHaveCount(6);
  await expect(explorer.card(regeneratedId).getByTestId("node-input")).toHaveText("Make it vegetarian");

  const { nodes } = await fetchTree(request, tree.id);
  expect(nodes).toHaveLength(6);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  expect(byId.get(editedId)?.parentId).toBe(root.id);
  expect(byId.get(editedId)?.inputPreview).toBe("Make it vegan");
  expect(byId.get(regeneratedId)?.parentId).toBe(root.id);
  expect(byId.get(regeneratedId)?.inputPreview).toBe("Make it vegetarian");
  expect(byId.get(regeneratedId)?.responseId).not.toBe(forkA.responseId);
  expect(byId.get(deep.id)?.parentId).toBe(forkA.id);

  // Nothing overwritten: the original node is as it was, on the server and on screen.
  const original = await fetchNode(request, forkA.id);
  expect(original.input).toEqual(forkA.input);
  expect(original.response).toEqual(forkA.response);
  expect(original.responseId).toBe(forkA.responseId);
  await expect(explorer.card(forkA.id).getByTestId("node-input")).toHaveText("Make it vegetarian");
  await expect(explorer.card(forkA.id).getByTestId("node-answer")).toHaveText(originalAnswer ?? "");
});

test("the selection lives in the URL and the graph survives a reload and a server restart", async ({ page, request }) => {
  const { tree, root, forkA, forkB, deep } = await seedForkedTree(request, "Persistence");
  const allIds = [root.id, forkA.id, forkB.id, deep.id].sort();
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id);
  await explorer.select(forkB.id);
  await expect(page).toHaveURL(new RegExp(`/t/${tree.id}\\?node=${forkB.id}$`));

  const expectSameView = async () => {
    await expect(explorer.cards).toHaveCount(4);
    expect(await explorer.drawnNodeIds()).toEqual(allIds);
    await expect(explorer.card(forkB.id)).toHaveAttribute("data-selected", "true");
    await expect(explorer.inspectedNodeId()).toHaveText(forkB.id);
    await expect(explorer.answer).toContainText('Last user message: "Make it a beach picnic"');
    expect(selectedInUrl(page)).toBe(forkB.id);
  };

  await page.reload();
  await expectSameView();

  await server.restart();
  await page.reload();
  await expectSameView();
});

test("the inspector shows the answer as markdown, the exact request and the response, each copyable", async ({ page, request }) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const { tree, root, forkB } = await seedForkedTree(request, "Inspector");
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id);
  await explorer.select(forkB.id);

  // Answer: markdown rendered (bold, a list), not shown as raw marks.
  await expect(explorer.tab("Answer")).toHaveAttribute("aria-selected", "true");
  await expect(explorer.answer.getByRole("strong")).toHaveText("offline-echo");
  await expect(explorer.answer.getByRole("listitem").filter({ hasText: "Turns:" })).toHaveText("Turns: 3 (2 user, 1 assistant)");
  await expect(explorer.answer).not.toContainText("**");

  // Request: the exact body sent to the provider, chained to the root.
  await explorer.tab("Request").click();
  await expect(explorer.tab("Request")).toHaveAttribute("aria-selected", "true");
  const tabpanel = explorer.inspector.getByRole("tabpanel");
  await expect(tabpanel).toContainText('"model": "offline-echo"');
  await expect(tabpanel).toContainText(`"previous_response_id": "${root.responseId}"`);
  const shownRequest = await explorer.shownJson();
  expect(shownRequest).toEqual(forkB.request);
  expect(shownRequest.previous_response_id).toBe(root.responseId);
  const copyRequest = tabpanel.getByRole("button", { name: "Copy request" });
  await copyRequest.click();
  await expect(tabpanel.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(JSON.parse(await readClipboard(explorer))).toEqual(forkB.request);
  await saveArtifact(page, "inspector-request");

  // Response: the Response object, whose id is the node's response id.
  await explorer.tab("Response").click();
  await expect(explorer.tab("Response")).toHaveAttribute("aria-selected", "true");
  expect(forkB.responseId).toMatch(/^resp_/);
  await expect(tabpanel).toContainText(`Response ${forkB.responseId}`);
  const shownResponse = await explorer.shownJson();
  expect(shownResponse.id).toBe(forkB.responseId);
  expect(shownResponse.status).toBe("completed");
  expect(shownResponse).toEqual(forkB.response);
  await tabpanel.getByRole("button", { name: "Copy response" }).click();
  await expect(tabpanel.getByRole("button", { name: "Copied" })).toBeVisible();
  expect((JSON.parse(await readClipboard(explorer)) as { id: unknown }).id).toBe(forkB.responseId);
  await saveArtifact(page, "inspector-response");
});

test("a fork sent in replay mode re-sends its history instead of chaining", async ({ page, request }) => {
  const { tree, root, forkA } = await seedForkedTree(request, "Replay");
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, root.id);
  await expect(explorer.composerTarget).toHaveText("Continue from “Plan a picnic”");
  await explorer.contextSelect.selectOption("replay");
  const replayedId = await explorer.send("Pack for rain");

  await expect(explorer.card(replayedId).getByTitle("Context: replay")).toHaveText("replay");
  // Chain is the default: a chained card carries no context badge, only the exceptions do.
  await expect(explorer.card(forkA.id).getByTitle(/^Context:/)).toHaveCount(0);
  await expect(explorer.inspector.getByTestId("context-note")).toContainText("replay: 2 items re-sent");
  await expect(explorer.answer).toContainText("History: replayed in input (2 items)");
  await expect(explorer.answer).toContainText("Turns: 3 (2 user, 1 assistant)");
  await expect(explorer.answer).toContainText('Last user message: "Pack for rain"');

  const saved = await fetchNode(request, replayedId);
  expect(saved.parentId).toBe(root.id);
  expect(saved.contextMode).toBe("replay");
  expect(saved.request).not.toHaveProperty("previous_response_id");
  expect(saved.request?.input).toHaveLength(3);
});

test("the keyboard moves the selection along the branches and F jumps to the composer", async ({ page, request }) => {
  const { tree, root, forkA, forkB, deep } = await seedForkedTree(request, "Keyboard");
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, deep.id);
  await expect(explorer.card(deep.id)).toHaveAttribute("data-selected", "true");
  await explorer.graph.focus();

  const press = async (key: string, expected: string) => {
    await page.keyboard.press(key);
    await expect.poll(() => selectedInUrl(page), { message: `${key} selects ${expected}` }).toBe(expected);
    await expect(explorer.card(expected)).toHaveAttribute("data-selected", "true");
    await expect(explorer.inspectedNodeId()).toHaveText(expected);
  };
  await press("ArrowLeft", forkA.id); // parent
  await press("ArrowLeft", root.id); // parent
  await press("ArrowRight", forkA.id); // back down the branch we came up
  await press("ArrowDown", forkB.id); // next sibling
  await press("ArrowUp", forkA.id); // previous sibling
  await press("ArrowRight", deep.id); // child

  await page.keyboard.press("Enter");
  await expect(explorer.inspector.getByRole("tabpanel")).toBeFocused();

  await explorer.graph.focus();
  await page.keyboard.press("f");
  await expect(explorer.composer).toBeFocused();
  await expect(explorer.composerTarget).toHaveText("Continue from “Add a dessert”");
});

type Box = { x: number; y: number; width: number; height: number };

async function boundingBox(explorer: ExplorerPage, nodeId: string): Promise<Box> {
  const box = await explorer.card(nodeId).boundingBox();
  if (!box) throw new Error(`Card ${nodeId} is not on screen`);
  return box;
}

async function readClipboard(explorer: ExplorerPage): Promise<string> {
  return explorer.page.evaluate(() => navigator.clipboard.readText());
}
