import type { Page } from "@playwright/test";
import type { VectorStoreInfo } from "@/lib/contracts/providers";
import { createTreeViaApi, ExplorerPage, fetchNode, fetchTree, saveArtifact, switchTheme } from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

serverForThisFile();

const guide = "## Observatory\nThe observatory opens at dusk. Telescopes must be booked seven days ahead.\n\n## Cafe\nThe cafe serves soup until 15:00.\n";

function parts(page: Page) {
  const composer = page.getByRole("region", { name: "Composer" });
  const panel = page.getByRole("region", { name: "Tools and settings" });
  const settingsButton = composer.getByRole("button", { name: /^Tools and settings/ });
  const files = panel.getByTestId("file-search-settings");
  return { composer, panel, settingsButton, files, storeSelect: files.getByRole("combobox", { name: "Vector store" }) };
}

/** Screenshots of the open panel in both themes (switching theme closes it, like any click outside). */
async function screenshots(page: Page, name: string): Promise<void> {
  const { panel, settingsButton, files } = parts(page);
  await page.mouse.move(0, 0); // no hover highlight left on the button just clicked
  await saveArtifact(page, `${name}-light`);
  await switchTheme(page, "dark");
  await expect(panel).toBeHidden();
  await settingsButton.click();
  await expect(files).toBeVisible();
  await page.mouse.move(0, 0);
  await saveArtifact(page, `${name}-dark`);
  await switchTheme(page, "light");
  await settingsButton.click();
  await expect(files).toBeVisible();
}

test("file search: create a store, upload into it, and answer from it with citations", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "Field station" });
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id);
  const { composer, panel, settingsButton, files, storeSelect } = parts(page);

  await settingsButton.click();
  await panel.getByRole("checkbox", { name: "File search" }).check();

  // On, but with no store to search: sending is blocked, with the reason inline.
  await expect(storeSelect).toHaveAttribute("aria-invalid", "true");
  await expect(storeSelect.locator("option:checked")).toHaveText("No stores yet");
  await expect(files).toContainText("Choose a vector store for file search, or create one");
  await explorer.composer.fill("How far ahead must telescopes be booked?");
  await expect(explorer.sendButton).toBeDisabled();
  await expect(composer.getByTestId("composer-blocked")).toContainText("Choose a vector store");
  await page.mouse.move(0, 0);
  await saveArtifact(page, "file-search-no-store");

  // A new store is created on the provider and chosen at once.
  await files.getByRole("button", { name: "New store" }).click();
  const name = files.getByRole("textbox", { name: "New store name" });
  await expect(name).toBeFocused();
  await name.fill("Handbook");
  await name.press("Enter");
  await expect(storeSelect.locator("option:checked")).toHaveText("Handbook · 0 files");
  await expect(storeSelect).not.toHaveAttribute("aria-invalid");
  await expect(explorer.sendButton).toBeEnabled();
  await expect(files.getByRole("list", { name: "Files in this store" })).toContainText("No files yet");

  // Upload a Markdown file: it is added to the store and indexed.
  const upload = files.getByTestId("file-search-upload");
  await upload.setInputFiles({ name: "guide.md", mimeType: "text/markdown", buffer: Buffer.from(guide) });
  const guideRow = files.getByTestId("vector-store-file").filter({ hasText: "guide.md" });
  await expect(guideRow).toHaveAttribute("data-status", "completed");
  await expect(guideRow).toContainText("completed");
  await expect(storeSelect.locator("option:checked")).toHaveText("Handbook · 1 file");
  await screenshots(page, "file-search-uploaded");

  // On a slow link the upload shows its real progress, then the file joins the list.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
  await upload.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("Field notes about the weather.\n".repeat(20_000)) });
  const progress = files.getByRole("progressbar", { name: "Uploading notes.txt" });
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute("aria-valuenow"))).toBeGreaterThan(0);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(files.getByTestId("vector-store-file").filter({ hasText: "notes.txt" })).toHaveAttribute("data-status", "completed");
  await expect(progress).toBeHidden();

  // An .exe is refused in the browser; a broken JSON file uploads but cannot be indexed: each says why.
  await upload.setInputFiles([
    { name: "tool.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") },
    { name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{ not json") },
  ]);
  const refused = files.getByTestId("upload-row").filter({ hasText: "tool.exe" });
  await expect(refused).toHaveAttribute("data-phase", "failed");
  await expect(refused.getByRole("alert")).toHaveText(".exe files are not supported; use .txt .md .markdown .json .csv .html .htm .pdf");
  const broken = files.getByTestId("vector-store-file").filter({ hasText: "broken.json" });
  await expect(broken).toHaveAttribute("data-status", "failed");
  await expect(broken).toContainText('"broken.json" is not valid JSON.');
  await screenshots(page, "file-search-upload-error");
  await refused.getByRole("button", { name: "Dismiss tool.exe" }).click();
  await expect(refused).toBeHidden();
  await expect(files.getByRole("button", { name: "Upload files" })).toBeFocused();

  // Keyboard: Escape closes the panel; the badge says file search goes with the next node.
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(composer.getByTestId("composer-badge")).toHaveText(["file search"]);

  const stores = (await (await request.get("/api/providers/offline/vector_stores")).json()) as { vectorStores: VectorStoreInfo[] };
  const store = stores.vectorStores.find((s) => s.name === "Handbook");
  expect(store?.fileCounts).toMatchObject({ total: 3, completed: 2, failed: 1 });
  const tool = { type: "file_search", vector_store_ids: [store?.id] };
  await expect.poll(async () => (await fetchTree(request, tree.id)).tree.settings.tools).toEqual([tool]);

  const nodeId = await explorer.send("How far ahead must telescopes be booked?");
  const node = await fetchNode(request, nodeId);
  expect(node.request).toMatchObject({ tools: [tool], include: ["file_search_call.results"] });
  const output = (node.response?.output ?? []) as { type: string; results?: { filename: string }[] }[];
  expect(output.map((item) => item.type)).toEqual(["file_search_call", "message"]);
  expect(output[0]?.results?.[0]).toMatchObject({ filename: "guide.md" });
  expect(JSON.stringify(output[1])).toContain("Telescopes must be booked seven days ahead.");
  expect(JSON.stringify(output[1])).toContain('"type":"file_citation"');
  await expect(explorer.answer).toContainText("Telescopes must be booked seven days ahead.");

  // Remembered for this tree: a reload finds file search on, over the same store.
  await page.reload();
  await explorer.ready();
  await settingsButton.click();
  await expect(panel.getByRole("checkbox", { name: "File search" })).toBeChecked();
  await expect(storeSelect.locator("option:checked")).toHaveText("Handbook · 3 files");
});
