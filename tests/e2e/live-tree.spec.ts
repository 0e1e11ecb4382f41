import { createNodeViaApi, createTreeViaApi, ExplorerPage } from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

serverForThisFile();

test("an open tree shows nodes run and deleted elsewhere as they happen, from its event channel, without reading the tree again", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "Live", model: "offline-echo" });
  const root = await createNodeViaApi(request, tree.id, { parentId: null, input: "Plan a picnic" });

  const explorer = new ExplorerPage(page);
  const channel = page.waitForResponse((r) => r.url().endsWith(`/api/trees/${tree.id}/events`));
  await explorer.open(tree.id);
  await expect(explorer.card(root.id)).toBeVisible();
  const treeReads: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === `/api/trees/${tree.id}`) treeReads.push(r.url());
  });
  expect((await channel).headers()["content-type"]).toContain("text/event-stream");

  // Another client (a script, another tab) runs a slow node: the card appears while it runs, then completes.
  const running = request.post(`/api/trees/${tree.id}/nodes`, {
    data: { parentId: root.id, input: "Make it vegetarian", params: { metadata: { arbor_offline_tps: "25" } } },
  });
  const created = page.locator(`[data-testid="graph-node"]:not([data-node-id="${root.id}"])`);
  await expect(created).toHaveAttribute("data-status", "in_progress");
  const child = ((await (await running).json()) as { node: { id: string } }).node;
  await expect(explorer.card(child.id)).toHaveAttribute("data-status", "completed");

  // Deleted elsewhere: the card goes.
  expect((await request.delete(`/api/nodes/${child.id}`)).ok()).toBe(true);
  await expect(explorer.card(child.id)).toHaveCount(0);
  await expect(explorer.card(root.id)).toBeVisible();

  // None of it came from re-reading the whole tree.
  expect(treeReads).toEqual([]);
});

test("a node made between the page's read of the tree and its channel opening is not missed", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "Gap", model: "offline-echo" });
  const root = await createNodeViaApi(request, tree.id, { parentId: null, input: "Plan a picnic" });
  // The channel's request is held until another client has added a node: the page's read cannot have it, and the
  // channel only tells of what happens after it opens.
  let made: { id: string } | null = null;
  await page.route(`**/api/trees/${tree.id}/events`, async (route) => {
    made ??= await createNodeViaApi(request, tree.id, { parentId: root.id, input: "Make it vegetarian" });
    await route.continue();
  });
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id);
  await expect(explorer.card(root.id)).toBeVisible();
  await expect.poll(() => made).not.toBeNull();
  // The channel's first word has the tree's node count; the page sees one more than it read, and reads the tree again.
  await expect(explorer.card(made!.id)).toHaveAttribute("data-status", "completed");
});
