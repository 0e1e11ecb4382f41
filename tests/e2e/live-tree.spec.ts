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
