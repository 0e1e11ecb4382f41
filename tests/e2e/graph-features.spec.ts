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
  const nodes = Array.from({ length: 600 }, (_, i) => ({
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
    data: { data: { format: "arbor.tree", version: 1, tree: { title: "Six hundred nodes", providerId: "offline", model: "offline-echo" }, nodes } },
  });
  expect(imported.status()).toBe(201);
  const { tree } = (await imported.json()) as { tree: { id: string } };

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
