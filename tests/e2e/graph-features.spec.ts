import type { APIRequestContext } from "@playwright/test";
import { createNodeViaApi, ExplorerPage, fetchTree, saveArtifact } from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

serverForThisFile();

test("the example tree: badges, a filter by tool, image thumbnails, and a node awaiting tool output", async ({ page, request }) => {
  const built = await request.post("/api/trees/example");
  expect(built.status()).toBe(201);
  const treeId = ((await built.json()) as { tree: { id: string } }).tree.id;
  const weatherTool = {
    type: "function",
    name: "get_weather",
    description: "Get the current weather for a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  };
  const pending = await createNodeViaApi(request, treeId, { parentId: null, input: "What's the weather in Oslo?", tools: [weatherTool] });
  const { nodes } = await fetchTree(request, treeId);
  const explorer = new ExplorerPage(page);
  await explorer.open(treeId, pending.id);
  await page.getByRole("button", { name: "Fit view" }).click();

  // Awaiting tool output: the unanswered call says so; the answered one in the example does not.
  await expect(explorer.card(pending.id)).toHaveAttribute("data-awaiting", "true");
  await expect(explorer.card(pending.id)).toContainText("awaiting tool output");
  const answeredCall = nodes.find((n) => n.itemTypes.includes("function_call") && n.id !== pending.id)!;
  await expect(explorer.card(answeredCall.id)).not.toHaveAttribute("data-awaiting", "true");

  // Filter: nodes that used web search stand out, the others are dimmed.
  const webNodes = nodes.filter((n) => n.itemTypes.includes("web_search_call"));
  expect(webNodes.length).toBeGreaterThan(0);
  await page.getByRole("combobox", { name: "Highlight nodes" }).selectOption({ label: `Web search (${webNodes.length})` });
  for (const node of nodes) {
    const card = explorer.card(node.id);
    if (webNodes.includes(node)) await expect(card).not.toHaveAttribute("data-dimmed", "true");
    else await expect(card).toHaveAttribute("data-dimmed", "true");
  }
  await saveArtifact(page, "graph-filter-web-search");
  await page.getByRole("combobox", { name: "Highlight nodes" }).selectOption({ label: "All nodes" });
  await expect(page.locator('[data-testid="graph-node"][data-dimmed="true"]')).toHaveCount(0);

  // Images: a thumbnail on the card, the full image in the inspector.
  const imageNode = nodes.find((n) => n.inputImageCount > 0)!;
  await expect(explorer.card(imageNode.id).getByTestId("node-thumbnail")).toHaveAttribute("src", /^data:image\/png;base64,/);
  await explorer.select(imageNode.id);
  await expect(explorer.inspector.getByTestId("input-image")).toHaveCount(1);
  await saveArtifact(page, "graph-image-node");
});

test("a big tree is read by the browser, not inside the page, and opens on a readable neighbourhood", async ({ page, request }) => {
  // 600 nodes: more than the page carries inline (500), so the browser reads the packed tree itself.
  const tree = await importTernaryTree(request, "Six hundred nodes", 600);

  const packedRead = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/trees/${tree.id}` && r.url().includes("view=packed"));
  const reads: string[] = [];
  page.on("request", (r) => void (new URL(r.url()).pathname === `/api/trees/${tree.id}` && reads.push(r.url())));
  const html = await (await page.goto(`/t/${tree.id}`))!.text();
  expect(html).not.toContain("Question 599");
  // The page's head asks for the packed tree while the scripts load; the browser's query takes that answer.
  expect(html).toMatch(new RegExp(`<link rel="preload" href="/api/trees/${tree.id}\\?view=packed" as="fetch" crossorigin=""`));
  expect((await packedRead).status()).toBe(200);
  const explorer = new ExplorerPage(page);
  await explorer.ready();
  await expect(explorer.cards.first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Six hundred nodes" })).toBeVisible();
  expect(reads).toHaveLength(1);
});

test("a 2,100-node tree: React Flow holds only the cards around the view, and a link, the keyboard, a fit and a node added elsewhere all reach it", async ({ page, request }) => {
  // ~1,400 leaves stacked in one column is far taller than any view.
  const tree = await importTernaryTree(request, "Big ternary tree", 2_100);
  const { nodes: saved } = await fetchTree(request, tree.id);
  const byQuestion = (i: number) => saved.find((n) => n.inputPreview === `Question ${i}`)!;

  // A link to a leaf deep in the tree opens on it: its card is among the few React Flow holds.
  const leaf = byQuestion(2_099);
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, leaf.id);
  await expect(explorer.card(leaf.id)).toBeVisible();
  await expect(explorer.card(leaf.id)).toHaveAttribute("data-selected", "true");
  const held = () => page.locator(".react-flow__node").count();
  expect(await held()).toBeGreaterThan(0);
  expect(await held()).toBeLessThan(400);

  // Moving up the branch with the keyboard reaches cards the first view did not hold.
  await explorer.graph.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
  let up = 2_099;
  for (let i = 0; i < 5; i++) up = Math.floor((up - 1) / 3);
  const ancestor = byQuestion(up);
  await expect(explorer.card(ancestor.id)).toHaveAttribute("data-selected", "true");
  await expect(explorer.card(ancestor.id)).toBeInViewport();

  // Fit view fits the whole tree, not only what React Flow holds: the view zooms out to its floor.
  const scale = () => page.locator(".react-flow__viewport").evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
  const before = await scale();
  await page.getByRole("button", { name: "Fit view" }).click();
  await expect.poll(scale).toBeLessThan(before / 2);
  await expect.poll(held).toBeGreaterThan(0);

  // A node added elsewhere (another tab, a script) is laid out (over a few tasks, for a tree this big) and drawn; the
  // keyboard moves onto it from its parent.
  const channel = page.waitForResponse((r) => r.url().endsWith(`/api/trees/${tree.id}/events`));
  await explorer.open(tree.id, leaf.id);
  await channel;
  const added = await createNodeViaApi(request, tree.id, { parentId: leaf.id, input: "One more question" });
  await explorer.graph.focus();
  await expect(async () => {
    await page.keyboard.press("ArrowRight");
    await expect(explorer.card(added.id)).toHaveAttribute("data-selected", "true", { timeout: 1_000 });
  }).toPass();
  await expect(explorer.card(added.id)).toBeInViewport();
  await expect(explorer.card(added.id)).toHaveAttribute("data-status", "completed");
  expect(await held()).toBeLessThan(400);
});

/** Import a ternary tree of `count` offline nodes asking "Question 0" to "Question <count - 1>" (node i under (i - 1) / 3). */
async function importTernaryTree(request: APIRequestContext, title: string, count: number): Promise<{ id: string }> {
  const nodes = Array.from({ length: count }, (_, i) => ({
    id: `n${i}`,
    parentId: i === 0 ? null : `n${Math.floor((i - 1) / 3)}`,
    providerId: "offline",
    model: "offline-echo",
    input: [{ type: "message", role: "user", content: [{ type: "input_text", text: `Question ${i}` }] }],
    status: "completed",
    contextMode: "chain",
    request: null,
    response: null,
    responseId: null,
    error: null,
    usage: null,
    ttftMs: null,
    durationMs: null,
    costUsd: null,
    label: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString(),
  }));
  const imported = await request.post("/api/trees/import", {
    data: { data: { format: "arbor.tree", version: 1, tree: { title, providerId: "offline", model: "offline-echo" }, nodes } },
  });
  expect(imported.status()).toBe(201);
  return ((await imported.json()) as { tree: { id: string } }).tree;
}
