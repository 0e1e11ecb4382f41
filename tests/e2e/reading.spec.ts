import type { APIRequestContext } from "@playwright/test";
import { seriousViolations } from "./support/axe";
import { bothThemes, createNodeViaApi, createTreeViaApi, ExplorerPage, selectedInUrl } from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

// Reading a tree: siblings told apart and switched, labels, notes and stars, search, the graph's toolbar, minimap,
// level of detail and folding, the thread and side-by-side views, fan-out, the keyboard, the inspector and the
// composer's modes, the drawer under 1024 px, and the example tour. Everything located by role, label or test id.

serverForThisFile({ ARBOR_OFFLINE_TPS: "0" });

/** A root "Plan a trip to Lisbon" asked three times (two regenerates), an edit "…to Porto", and a follow-up. */
async function seedSiblings(request: APIRequestContext) {
  const tree = await createTreeViaApi(request, { title: "Siblings to tell apart", model: "offline-echo" });
  const root = await createNodeViaApi(request, tree.id, { parentId: null, input: "Hello" });
  const first = await createNodeViaApi(request, tree.id, { parentId: root.id, input: "Plan a trip to Lisbon" });
  const again = await createNodeViaApi(request, tree.id, { parentId: root.id, input: "Plan a trip to Lisbon" });
  const edit = await createNodeViaApi(request, tree.id, { parentId: root.id, input: "Plan a trip to Porto" });
  const follow = await createNodeViaApi(request, tree.id, { parentId: first.id, input: "Add trams" });
  return { tree, root, first, again, edit, follow };
}

const difference = (explorer: ExplorerPage, id: string) => explorer.card(id).getByTestId("node-difference");

test("siblings say how they differ, and ‹ 2/3 › on a card switches between them", async ({ page, request }) => {
  const { tree, first, again, edit } = await seedSiblings(request);
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, first.id);

  await expect(difference(explorer, first.id)).toHaveText("regenerate 1 of 2");
  await expect(difference(explorer, again.id)).toHaveText("regenerate 2 of 2");
  await expect(difference(explorer, edit.id)).toHaveText("edit: Porto");
  await expect(explorer.card(again.id).getByLabel("Sibling 2 of 3")).toHaveText("2/3");

  await explorer.card(first.id).getByRole("button", { name: "Next sibling" }).click();
  await expect(explorer.card(again.id)).toHaveAttribute("data-selected", "true");
  await expect(explorer.card(first.id).getByRole("button", { name: "Previous sibling" })).toBeDisabled();
});

test("a label, a note and a star show on the card and are found by search, from the sidebar and with /", async ({ page, request }) => {
  const { tree, edit } = await seedSiblings(request);
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, edit.id);

  await explorer.inspector.getByRole("button", { name: "Star this node" }).click();
  await expect(explorer.card(edit.id).getByRole("img", { name: "Starred" })).toBeVisible();
  const label = explorer.inspector.getByRole("textbox", { name: "Label" });
  await label.fill("Porto variant");
  await label.press("Enter");
  await expect(explorer.card(edit.id).getByTestId("node-label")).toHaveText("Porto variant");
  await explorer.inspector.getByRole("button", { name: "Add a note" }).click();
  await explorer.inspector.getByRole("textbox", { name: "Note" }).fill("Cheaper than Lisbon in May");
  await explorer.graph.click({ position: { x: 5, y: 5 } });
  await expect(explorer.inspector.getByTestId("node-note")).toHaveText("Cheaper than Lisbon in May");
  await expect(explorer.card(edit.id).getByRole("img", { name: "Note: Cheaper than Lisbon in May" })).toBeVisible();

  await explorer.graph.focus();
  await page.keyboard.press("/");
  const search = page.getByRole("searchbox", { name: "Search trees and nodes" });
  await expect(search).toBeFocused();
  await search.fill("cheaper may");
  const results = page.getByRole("region", { name: "Search results" });
  const hit = results.getByRole("link", { name: /note · Siblings to tell apart/ });
  await expect(hit).toBeVisible();
  await search.fill("porto variant");
  await results.getByRole("link", { name: /label · Siblings to tell apart/ }).click();
  await expect.poll(() => selectedInUrl(page)).toBe(edit.id);
});

test("the graph: a toolbar above it, zoom, fit, a minimap, large type when zoomed out, folding a subtree", async ({ page, request }) => {
  const { tree, root, first, follow } = await seedSiblings(request);
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, root.id);

  const toolbar = page.getByRole("toolbar", { name: "Graph" });
  const [bar, graph] = [await toolbar.boundingBox(), await explorer.graph.boundingBox()];
  // The toolbar is above the graph, not over it: it can cover no card.
  expect(bar!.y + bar!.height).toBeLessThanOrEqual(graph!.y + 1);

  await toolbar.getByRole("button", { name: "Minimap" }).click();
  await expect(page.getByLabel("Minimap of the whole tree")).toBeVisible();

  for (let i = 0; i < 4; i++) await toolbar.getByRole("button", { name: "Zoom out" }).click();
  // Zoomed out, the card shows its question in large type instead of its details.
  await expect(explorer.card(first.id).getByTestId("node-far-title")).toBeVisible();
  await expect(explorer.card(first.id).getByTestId("node-far-title")).toHaveText("Plan a trip to Lisbon");
  await expect(explorer.card(first.id).getByTestId("node-answer")).toBeHidden();
  await toolbar.getByRole("button", { name: "Fit view" }).click();
  await expect(explorer.card(first.id).getByTestId("node-answer")).toBeVisible();

  await explorer.card(first.id).getByRole("button", { name: "Collapse this subtree" }).click();
  await expect(explorer.card(follow.id)).toHaveCount(0);
  await explorer.card(first.id).getByRole("button", { name: "Expand: show 1 hidden nodes" }).click();
  await expect(explorer.card(follow.id)).toBeVisible();
});

test("keyboard: a skip link to the graph, one tab stop with arrow keys, shortcuts listed with ?", async ({ page, request }) => {
  const { tree, root, first } = await seedSiblings(request);
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, root.id);

  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to the graph" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(explorer.graph).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(explorer.card(first.id)).toHaveAttribute("data-selected", "true");
  // No card is a tab stop of its own: the next Tab leaves the graph.
  await page.keyboard.press("Tab");
  await expect(explorer.graph).not.toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.closest(".react-flow__node") === null)).toBe(true);

  await explorer.graph.focus();
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  for (const key of ["Enter", "F", "E", "R", "T", "/", "?"]) await expect(dialog.getByRole("term").filter({ hasText: new RegExp(`^${key.replace(/[?/]/g, "\\$&")}$`) })).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await explorer.graph.focus();
  await page.keyboard.press("t");
  await expect(page.getByRole("region", { name: "Thread" })).toBeVisible();
  await page.keyboard.press("t");
  await expect(explorer.graph).toBeVisible();
});

test("the thread view reads a branch as turns; a turn's switcher changes the branch in place; edit from a turn", async ({ page, request }) => {
  const { tree, root, first, again, follow } = await seedSiblings(request);
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, follow.id);
  await page.getByRole("group", { name: "View" }).getByRole("button", { name: "Thread" }).click();

  const thread = page.getByRole("region", { name: "Thread" });
  const turns = thread.getByTestId("thread-turn");
  await expect(turns).toHaveCount(3);
  await expect(turns.nth(0)).toHaveAttribute("data-node-id", root.id);
  await expect(turns.nth(2)).toContainText("Add trams");
  await expect(turns.nth(1).getByRole("group", { name: "Sibling 1 of 3" })).toBeVisible();
  await bothThemes(page, "thread-view");

  await turns.nth(1).getByRole("button", { name: "Next sibling" }).click();
  await expect(turns).toHaveCount(2);
  await expect(turns.nth(1)).toHaveAttribute("data-node-id", again.id);
  await expect.poll(() => selectedInUrl(page)).toBe(again.id);

  await turns.nth(1).getByRole("button", { name: "Edit turn 2" }).click();
  await expect(explorer.composer).toHaveValue("Plan a trip to Lisbon");
  await expect(page.getByRole("group", { name: "Send as" }).getByRole("button", { name: "Edit" })).toHaveAttribute("aria-pressed", "true");
  // Another selection resets the composer: Continue, and the edited text is gone.
  await turns.nth(0).getByRole("button", { name: "Fork from turn 1" }).click();
  await expect(page.getByRole("group", { name: "Send as" }).getByRole("button", { name: "Continue" })).toHaveAttribute("aria-pressed", "true");
  await expect(explorer.composer).toHaveValue("");
  await expect(explorer.composer).toBeFocused();
  void first;
});

test("fan-out: one message as three samples, read side by side with tokens, latency and cost", async ({ page, request }) => {
  const { tree, follow } = await seedSiblings(request);
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, follow.id);

  await page.getByRole("button", { name: "Fan out…" }).click();
  const fanOut = page.getByRole("group", { name: "Fan out the message to" });
  await fanOut.getByRole("radio", { name: "Samples" }).check();
  await explorer.composer.fill("Name three museums");
  await fanOut.getByRole("button", { name: "Send as 3 siblings" }).click();

  const side = page.getByRole("region", { name: "Siblings side by side" });
  await expect(side.getByTestId("sibling-column")).toHaveCount(3);
  for (const n of [1, 2, 3]) {
    const column = side.getByRole("article", { name: `sample ${n} of 3` });
    await expect(column).toContainText("Name three museums");
    await expect(column.getByRole("definition").first()).not.toHaveText("–");
  }
  await expect(side.getByRole("term").filter({ hasText: "Latency" })).toHaveCount(3);
  await expect(side.getByRole("term").filter({ hasText: "Cost" })).toHaveCount(3);
  await bothThemes(page, "fan-out");
});

test("the inspector: resized and remembered, ids on one line; below 1024 px it is a drawer", async ({ page, request }) => {
  const { tree, root } = await seedSiblings(request);
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, root.id);

  const before = (await explorer.inspector.boundingBox())!.width;
  const handle = page.getByRole("separator", { name: "Resize the inspector" });
  await handle.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
  await expect.poll(async () => (await explorer.inspector.boundingBox())!.width).toBeGreaterThan(before + 90);
  const widened = (await explorer.inspector.boundingBox())!.width;
  await page.reload();
  await explorer.ready();
  await expect.poll(async () => (await explorer.inspector.boundingBox())!.width).toBe(widened);
  const id = explorer.inspector.getByTitle("Node id", { exact: true });
  const copy = explorer.inspector.getByRole("button", { name: "Copy node id" });
  expect(Math.abs((await id.boundingBox())!.y - (await copy.boundingBox())!.y)).toBeLessThan(8);

  await page.setViewportSize({ width: 900, height: 800 });
  await expect(explorer.inspector).toBeHidden();
  await page.getByRole("button", { name: "Inspector" }).click();
  await expect(explorer.inspector).toBeVisible();
  await page.getByRole("button", { name: "Close the inspector" }).click();
  await expect(explorer.inspector).toBeHidden();
  await expect(explorer.graph).toBeVisible();
});

test("a new tree focuses the message box; the example tour opens on its first step, each step with a note", async ({ page, request }) => {
  await page.goto("/");
  await page.getByRole("complementary", { name: "Trees" }).getByRole("button", { name: "New tree" }).click();
  await expect(page).toHaveURL(/\/t\/new$/);
  const explorer = new ExplorerPage(page);
  await explorer.ready();
  await expect(explorer.composer).toBeFocused();
  // A new tree is saved by its first message, not by the click.
  expect(((await (await request.get("/api/trees")).json()) as { trees: { nodeCount: number }[] }).trees.filter((t) => t.nodeCount === 0)).toEqual([]);
  // Its first message can carry tools: they are sent with it, and the tree keeps them for the next one.
  await page.getByRole("button", { name: /^Tools and settings/ }).click();
  await page.getByRole("region", { name: "Tools and settings" }).getByRole("checkbox", { name: "Web search" }).check();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: /^Tools and settings: web search/ })).toBeFocused();
  await bothThemes(page, "new-tree-tools");
  await explorer.composer.fill("Which tree flowers first in spring?");
  await explorer.composer.press("Enter");
  await expect(page).toHaveURL(/\/t\/(?!new)[^/?]+\?node=/);
  const firstId = new URL(page.url()).searchParams.get("node")!;
  await expect(explorer.card(firstId)).toHaveAttribute("data-status", "completed");
  const first = (await (await request.get(`/api/nodes/${firstId}`)).json()) as { node: { request: { tools?: { type: string }[] }; treeId: string } };
  expect(first.node.request.tools?.map((t) => t.type)).toEqual(["web_search"]);
  const kept = (await (await request.get(`/api/trees/${first.node.treeId}`)).json()) as { tree: { settings: { tools?: { type: string }[] } } };
  expect(kept.tree.settings.tools?.map((t) => t.type)).toEqual(["web_search"]);

  const built = await request.post("/api/trees/example");
  expect(built.status()).toBe(201);
  const { tree } = (await built.json()) as { tree: { id: string } };
  await explorer.open(tree.id);
  await expect(explorer.inspector.getByTestId("node-note")).toContainText("Step 1 · Create a response");
  await bothThemes(page, "example-tour");
  const selected = selectedInUrl(page) ?? (await explorer.inspectedNodeId().textContent());
  await expect(explorer.card(selected!)).toHaveAttribute("data-selected", "true");
  const { nodes } = (await (await request.get(`/api/trees/${tree.id}`)).json()) as { nodes: { id: string; note: string | null; inputPreview: string }[] };
  expect(nodes.every((n) => n.note?.startsWith("Step "))).toBe(true);
  // The function call's two outputs differ in one value, which the second one's card shows (brought into view).
  const outputs = nodes.filter((n) => n.inputPreview.startsWith("Tool output"));
  expect(outputs).toHaveLength(2);
  await explorer.open(tree.id, outputs[1]!.id);
  await expect(explorer.card(outputs[1]!.id).getByTestId("node-difference")).toContainText("temperature_c: 13");
});

test("axe finds no serious violations on the home, tree and thread pages", async ({ page, request }) => {
  const { tree, follow } = await seedSiblings(request);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Trees" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, follow.id);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole("group", { name: "View" }).getByRole("button", { name: "Thread" }).click();
  await expect(page.getByRole("region", { name: "Thread" }).getByTestId("thread-turn")).toHaveCount(3);
  expect(await seriousViolations(page)).toEqual([]);
});
