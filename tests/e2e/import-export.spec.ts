import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { ExplorerPage, fetchTree, saveArtifact, seedForkedTree, treeIdInUrl } from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

serverForThisFile();

async function treeCount(request: APIRequestContext): Promise<number> {
  return ((await (await request.get("/api/trees")).json()) as { trees: unknown[] }).trees.length;
}

test("a tree exported from the header imports back as a new tree with the same graph", async ({ page, request }) => {
  const { tree, deep } = await seedForkedTree(request, "Round trip");
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, deep.id);

  const downloadTree = page.waitForEvent("download");
  await page.getByRole("navigation", { name: "Tree actions" }).getByRole("link", { name: "Export tree" }).click();
  const exported = readFileSync(await (await downloadTree).path(), "utf8");
  expect(JSON.parse(exported)).toMatchObject({ format: "arbor.tree", version: 1, tree: { title: "Round trip" } });

  const downloadBranch = page.waitForEvent("download");
  const actions = page.getByRole("navigation", { name: "Tree actions" });
  await actions.getByText("Export branch").click();
  await actions.getByRole("link", { name: "Arbor JSON (imports back)" }).click();
  const branch = JSON.parse(readFileSync(await (await downloadBranch).path(), "utf8")) as { nodes: { inputPreview: string }[] };
  expect(branch.nodes.map((n) => n.inputPreview)).toEqual(["Plan a picnic", "Make it vegetarian", "Add a dessert"]);

  await page.getByRole("button", { name: "Import…" }).click();
  const dialog = page.getByRole("dialog", { name: "Import into a new tree" });
  await dialog.getByRole("textbox", { name: "JSON or response id" }).fill(exported);
  await saveArtifact(page, "import-dialog");
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page).not.toHaveURL(new RegExp(`/t/${tree.id}`));
  await expect(explorer.cards).toHaveCount(4);
  const copy = await fetchTree(request, treeIdInUrl(page));
  expect(copy.tree.title).toBe("Round trip (imported)");
  expect(copy.nodes.map((n) => n.inputPreview).sort()).toEqual(["Add a dessert", "Make it a beach picnic", "Make it vegetarian", "Plan a picnic"]);
});

test("a response id is fetched with its chain from the offline engine", async ({ page, request }) => {
  const { forkA } = await seedForkedTree(request, "Chain source");
  await page.goto("/");
  await page.getByRole("button", { name: "Import…" }).click();
  const dialog = page.getByRole("dialog", { name: "Import into a new tree" });
  await dialog.getByRole("textbox", { name: "JSON or response id" }).fill(forkA.responseId ?? "");
  await expect(dialog.getByRole("combobox", { name: "Fetch from" })).toHaveValue("offline");
  await dialog.getByRole("button", { name: "Fetch and import" }).click();
  const explorer = new ExplorerPage(page);
  await expect(explorer.cards).toHaveCount(2);
  const copy = await fetchTree(request, treeIdInUrl(page));
  expect(copy.nodes.map((n) => n.inputPreview)).toEqual(["Plan a picnic", "Make it vegetarian"]);
});

test("malformed imports say why and create nothing", async ({ page, request }) => {
  await page.goto("/");
  const before = await treeCount(request);
  await page.getByRole("button", { name: "Import…" }).click();
  const dialog = page.getByRole("dialog", { name: "Import into a new tree" });
  const box = dialog.getByRole("textbox", { name: "JSON or response id" });

  await box.fill("{ this is not json");
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText("not valid JSON");

  await box.fill('{"hello": "world"}');
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText("Nothing to import");
  await saveArtifact(page, "import-error");

  await box.fill("resp_doesnotexist");
  await dialog.getByRole("button", { name: "Fetch and import" }).click();
  await expect(dialog.getByRole("alert")).toContainText("no stored response");
  await expect(box).toHaveValue("resp_doesnotexist");

  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(await treeCount(request)).toBe(before);
});
