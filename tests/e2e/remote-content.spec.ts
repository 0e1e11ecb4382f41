import type { Page } from "@playwright/test";
import type { Tree } from "@/lib/contracts/trees";
import { ExplorerPage, fetchTree, saveArtifact, seedForkedTree, switchTheme } from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

serverForThisFile();

const onePixelPng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const PHOTO = "https://images.example.com/photo.png";
const CHART = "https://images.example.com/chart.png";

/** An Arbor export whose one node has a remote input image and a remote image in its markdown answer. */
const exportWithRemoteImages = {
  format: "arbor.tree",
  version: 1,
  tree: { title: "Remote images", providerId: "offline", model: "offline-echo" },
  nodes: [
    {
      id: "n1",
      parentId: null,
      providerId: "offline",
      model: "offline-echo",
      status: "completed",
      contextMode: "chain",
      createdAt: "2026-01-01T00:00:00.000Z",
      input: [
        {
          type: "message",
          role: "user",
          content: [
            { type: "input_text", text: "What is in this photo?" },
            { type: "input_image", image_url: PHOTO, detail: "auto" },
          ],
        },
      ],
      request: null,
      response: {
        id: "resp_remote1",
        object: "response",
        status: "completed",
        model: "offline-echo",
        output: [
          {
            id: "msg_1",
            type: "message",
            role: "assistant",
            status: "completed",
            content: [{ type: "output_text", text: `A chart of the picnic budget:\n\n![budget chart](${CHART})`, annotations: [] }],
          },
        ],
      },
      responseId: "resp_remote1",
      error: null,
      usage: null,
      ttftMs: null,
      durationMs: null,
      costUsd: null,
      label: null,
    },
  ],
};

/** Serve the remote images from the test and count the requests for each. */
async function countImageRequests(page: Page): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await page.route("https://images.example.com/**", async (route) => {
    const url = route.request().url();
    counts.set(url, (counts.get(url) ?? 0) + 1);
    await route.fulfill({ status: 200, contentType: "image/png", headers: { "cache-control": "max-age=3600" }, body: onePixelPng });
  });
  return counts;
}

test("remote images in an imported tree are not fetched until the user asks; each one loads once when asked", async ({ page, request }) => {
  const counts = await countImageRequests(page);
  const imported = await request.post("/api/trees/import", { data: { data: exportWithRemoteImages } });
  expect(imported.status()).toBe(201);
  const { tree } = (await imported.json()) as { tree: Tree };
  const [node] = (await fetchTree(request, tree.id)).nodes;
  if (!node) throw new Error("The import made no node");

  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, node.id);
  await expect(explorer.answer).toContainText("A chart of the picnic budget");
  const you = explorer.inspector.getByRole("region", { name: "User input" });
  const loadPhoto = you.getByRole("button", { name: "Load remote image from images.example.com" });
  const loadChart = explorer.answer.getByRole("button", { name: "Load remote image from images.example.com" });
  const cardPlaceholder = explorer.card(node.id).getByRole("button", { name: "Load remote image from images.example.com" });
  await expect(loadPhoto).toBeVisible();
  await expect(loadChart).toBeVisible();
  await expect(cardPlaceholder).toBeVisible();
  await expect(explorer.answer.getByTestId("remote-image-placeholder")).toContainText("budget chart");
  await saveArtifact(page, "remote-images-placeholders");
  await page.waitForLoadState("networkidle");
  expect(counts.get(PHOTO) ?? 0).toBe(0);
  expect(counts.get(CHART) ?? 0).toBe(0);

  // Asked for in the Answer tab: the photo loads there and in the card, fetched once; the chart still waits.
  await loadPhoto.click();
  await expect(you.getByTestId("input-image")).toHaveJSProperty("complete", true);
  await expect(explorer.card(node.id).getByTestId("node-thumbnail")).toHaveAttribute("src", PHOTO);
  await expect.poll(() => counts.get(PHOTO) ?? 0).toBe(1);
  expect(counts.get(CHART) ?? 0).toBe(0);

  await loadChart.click();
  await expect(explorer.answer.getByRole("img", { name: "budget chart" })).toBeVisible();
  await expect.poll(() => counts.get(CHART) ?? 0).toBe(1);
  await page.waitForLoadState("networkidle");
  expect(counts.get(PHOTO)).toBe(1);
  await saveArtifact(page, "remote-images-loaded");

  // Editing the node puts its remote image in the composer as a placeholder too (a fresh tab: nothing chosen yet).
  const fresh = await page.context().newPage();
  const freshCounts = await countImageRequests(fresh);
  const freshExplorer = new ExplorerPage(fresh);
  await freshExplorer.open(tree.id, node.id);
  await fresh.getByRole("group", { name: "Send as" }).getByRole("button", { name: "Edit" }).click();
  const attached = fresh.getByRole("region", { name: "Composer" }).getByRole("list", { name: "Attached images" });
  await expect(attached.getByRole("button", { name: "Load remote image from images.example.com" })).toBeVisible();
  await switchTheme(fresh, "dark");
  await saveArtifact(fresh, "remote-images-dark");
  await fresh.waitForLoadState("networkidle");
  expect(freshCounts.get(PHOTO) ?? 0).toBe(0);
  await fresh.close();
});

test("home, tree and compare pages run under the nonce CSP with no violation, no inline handler and no un-nonced script", async ({ page, request }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Refused to load (CSP ${event.violatedDirective}): ${event.blockedURI} from ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} on ${location.pathname}`);
    });
  });
  const { tree, forkA, forkB } = await seedForkedTree(request, "Under CSP");

  /** Every inline script carries the page's nonce, and no element has an inline event handler. */
  const checkDocument = async () => {
    const { unNonced, handlers } = await page.evaluate(() => ({
      unNonced: [...document.querySelectorAll("script:not([src])")].filter((script) => !(script as HTMLScriptElement).nonce).length,
      handlers: [...document.querySelectorAll("*")].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`)),
    }));
    expect(unNonced).toBe(0);
    expect(handlers).toEqual([]);
  };

  const home = await page.goto("/");
  expect(home?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  await expect(page.getByRole("heading", { name: "Trees" })).toBeVisible();
  await checkDocument();

  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, forkA.id);
  await expect(explorer.answer).toContainText('Last user message: "Make it vegetarian"');
  for (const tab of ["Tools", "Events", "Usage", "Request", "Response"] as const) await explorer.tab(tab).click();
  await switchTheme(page, "dark");
  await checkDocument();

  await page.goto(`/t/${tree.id}/compare?a=${forkA.id}&b=${forkB.id}`);
  await expect(page.getByRole("heading", { name: /^Compare/ })).toBeVisible();
  await expect(page.getByRole("region", { name: /Context received/ })).toBeVisible();
  await checkDocument();

  expect(violations).toEqual([]);
});
