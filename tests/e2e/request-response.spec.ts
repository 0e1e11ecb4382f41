import type { Locator } from "@playwright/test";
import { createNodeViaApi, createTreeViaApi, ExplorerPage, saveArtifact, switchTheme } from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

serverForThisFile();

/** The text curl receives from `-d '…'`: the single-quoted shell word, unquoted. */
function curlBody(snippet: string): string {
  const quoted = /-d '([\s\S]*)'$/.exec(snippet)?.[1];
  if (quoted === undefined) throw new Error(`No -d '…' in:\n${snippet}`);
  return quoted.replaceAll(`'\\''`, "'");
}

test("the Request tab folds, searches and copies the request as curl, Python or TypeScript", async ({ page, request }) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const tree = await createTreeViaApi(request, { title: "Inspect everything", model: "offline-echo" });
  const root = await createNodeViaApi(request, tree.id, { parentId: null, input: "Plan a picnic" });
  const child = await createNodeViaApi(request, tree.id, { parentId: root.id, input: "Don't forget the 'lemonade'" });
  expect(child.request?.previous_response_id).toBe(root.responseId);

  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, child.id);
  await explorer.tab("Request").click();
  const panel = explorer.inspector.getByRole("tabpanel");
  const json = panel.getByRole("code");
  await expect(json).toContainText(`"previous_response_id": "${root.responseId}"`);

  // Fold and unfold the input, by mouse and by keyboard.
  await panel.getByRole("button", { name: "Fold “input”", exact: true }).click();
  const unfoldInput = panel.getByRole("button", { name: "Unfold “input”", exact: true });
  await expect(unfoldInput).toHaveAttribute("aria-expanded", "false");
  await expect(json).toContainText('"input": [1 item],');
  await expect(json).not.toContainText("lemonade");
  await unfoldInput.focus();
  await page.keyboard.press("Enter");
  await expect(panel.getByRole("button", { name: "Fold “input”", exact: true })).toHaveAttribute("aria-expanded", "true");
  await expect(json).toContainText("Don't forget the 'lemonade'");
  const foldInput = panel.getByRole("button", { name: "Fold “input”", exact: true });
  await expect(foldInput).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(unfoldInput).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("ArrowRight");
  await expect(foldInput).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowUp"); // to the root's fold button
  await expect(panel.getByRole("button", { name: "Fold the whole request", exact: true })).toBeFocused();

  // Search opens the folded path to a match, counts the matches, and Enter / Shift+Enter move between them.
  await panel.getByRole("button", { name: "Fold all", exact: true }).click();
  await expect(json).not.toContainText("lemonade");
  const search = panel.getByRole("searchbox", { name: "Search the request" });
  const count = panel.getByTestId("json-match-count");
  await search.fill("lemonade");
  await expect(count).toHaveText("1/1");
  await expect(activeMark(json)).toHaveText("lemonade");
  await search.fill("resp");
  await expect(count).toHaveText("1/2"); // the key previous_response_id, then its value
  await expect(activeMark(json)).toHaveText("resp");
  await expect(json.locator("mark")).toHaveCount(2);
  await search.press("Enter");
  await expect(count).toHaveText("2/2");
  await search.press("Enter");
  await expect(count).toHaveText("1/2");
  await search.press("Shift+Enter");
  await expect(count).toHaveText("2/2");
  await search.fill("no such thing");
  await expect(count).toHaveText("0 matches");
  await search.fill("previous_response_id");
  await expect(count).toHaveText("1/1");

  // Copy as code: curl carries exactly this request, to the offline engine this browser can reach, with no key.
  await panel.getByRole("button", { name: "Copy as code", exact: true }).click();
  const copyAs = panel.getByRole("region", { name: "Copy as code" });
  await expect(copyAs.getByRole("button", { name: "curl", exact: true })).toHaveAttribute("aria-pressed", "true");
  await copyAs.getByRole("button", { name: "Copy curl", exact: true }).click();
  await expect(copyAs.getByRole("button", { name: "Copied", exact: true })).toBeVisible();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  const origin = new URL(page.url()).origin;
  expect(curl.startsWith(`curl -N '${origin}/api/offline/v1/responses'`)).toBe(true);
  expect(JSON.parse(curlBody(curl))).toEqual(child.request);
  expect(curl).not.toContain("Authorization");

  await copyAs.getByRole("button", { name: "Python", exact: true }).click();
  const python = copyAs.getByLabel("Python snippet");
  await expect(python).toContainText(`client = OpenAI(base_url="${origin}/api/offline/v1", api_key="offline")`);
  await expect(python).toContainText(`previous_response_id="${root.responseId}",`);
  await expect(python).toContainText("stream=True,");
  await expect(python).toContainText("for event in stream:");

  await copyAs.getByRole("button", { name: "TypeScript", exact: true }).click();
  const typescript = copyAs.getByLabel("TypeScript snippet");
  await expect(typescript).toContainText(`new OpenAI({ baseURL: "${origin}/api/offline/v1", apiKey: "offline" })`);
  await expect(typescript).toContainText("for await (const event of stream)");

  await copyAs.getByRole("button", { name: "curl", exact: true }).click();
  await search.fill("lemonade");
  await saveArtifact(page, "request-search-copy-as-light");
  await switchTheme(page, "dark");
  await saveArtifact(page, "request-search-copy-as-dark");
  await switchTheme(page, "light");

  // Response: searching the response id finds it.
  await explorer.tab("Response").click();
  const responseJson = panel.getByRole("code");
  await panel.getByRole("searchbox", { name: "Search the response" }).fill(String(child.responseId));
  await expect(panel.getByTestId("json-match-count")).toHaveText(/^1\/\d+$/);
  await expect(activeMark(responseJson)).toHaveText(String(child.responseId));
});

test("a request with thousands of items starts folded and draws only the rows on screen", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "Big request", model: "offline-echo" });
  const input = Array.from({ length: 3000 }, (_, i) => ({ role: "user", content: `message number ${i}` }));
  const node = await createNodeViaApi(request, tree.id, { parentId: null, input });

  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, node.id);
  await explorer.tab("Request").click();
  const panel = explorer.inspector.getByRole("tabpanel");
  const json = panel.getByRole("code");
  await expect(json).toContainText('"input": [3000 items],');

  await panel.getByRole("button", { name: "Unfold all", exact: true }).click();
  await expect(json).toContainText('"content": "message number 0"');
  // Over 12,000 rows in all, but only a screenful (plus overscan) is in the page.
  expect(await json.locator("[data-row]").count()).toBeLessThan(200);

  const search = panel.getByRole("searchbox", { name: "Search the request" });
  await search.fill("message number 2999");
  await expect(panel.getByTestId("json-match-count")).toHaveText("1/1");
  await expect(activeMark(json)).toBeInViewport();
});

function activeMark(json: Locator): Locator {
  return json.locator("mark[data-active]").first();
}
