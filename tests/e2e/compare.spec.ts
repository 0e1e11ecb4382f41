import { ExplorerPage, saveArtifact, seedForkedTree } from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

serverForThisFile();

test("two forks compared side by side: answer diff, the context each received, tokens and latency", async ({ page, request }) => {
  const { tree, root, forkA, forkB } = await seedForkedTree(request, "Compare forks");
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, forkA.id);

  await page.getByRole("navigation", { name: "Tree actions" }).getByRole("link", { name: "Compare" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${tree.id}/compare\\?a=${forkA.id}&b=${forkB.id}$`));
  await expect(page.getByRole("heading", { name: "Compare · Compare forks" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Node A" })).toHaveValue(forkA.id);
  await expect(page.getByRole("combobox", { name: "Node B" })).toHaveValue(forkB.id);

  // The echo answers quote each fork's own last message: the diff marks it on each side.
  const answerA = page.getByRole("region", { name: "Answer A" });
  const answerB = page.getByRole("region", { name: "Answer B" });
  await expect(answerA.locator('mark[data-diff="removed"]').filter({ hasText: "vegetarian" })).toBeVisible();
  await expect(answerB.locator('mark[data-diff="added"]').filter({ hasText: "beach" })).toBeVisible();

  // Both saw the root's question and answer; only their own last message differs.
  const rows = page.getByTestId("context-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute("data-same", "true");
  await expect(rows.nth(0)).toContainText("user: Plan a picnic");
  await expect(rows.nth(1)).toHaveAttribute("data-same", "true");
  await expect(rows.nth(2)).toHaveAttribute("data-same", "false");
  await expect(rows.nth(2)).toContainText("user: Make it vegetarian");
  await expect(rows.nth(2)).toContainText("user: Make it a beach picnic");
  await expect(page.getByRole("heading", { name: /1 of 3 items differ/ })).toBeVisible();

  const metrics = page.getByRole("table", { name: /Tokens, latency and cost/ });
  const inputRow = metrics.getByRole("row", { name: /Input tokens/ });
  const tokensA = (forkA.usage as { input_tokens: number }).input_tokens;
  const tokensB = (forkB.usage as { input_tokens: number }).input_tokens;
  await expect(inputRow).toContainText(String(tokensA));
  await expect(inputRow).toContainText(String(tokensB));
  await saveArtifact(page, "compare-forks");

  // Another node for B: the URL follows, and the root (no history) differs from forkA from the first item on.
  await page.getByRole("combobox", { name: "Node B" }).selectOption(root.id);
  await expect(page).toHaveURL(new RegExp(`b=${root.id}`));
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute("data-same", "true");
  await expect(rows.nth(1)).toHaveAttribute("data-same", "false");

  await page.getByRole("link", { name: "Back to the graph" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${tree.id}\\?node=${forkA.id}$`));
});
