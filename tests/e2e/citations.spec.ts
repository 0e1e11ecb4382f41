import { createTreeViaApi, ExplorerPage, fetchNode, fetchTree, saveArtifact } from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

serverForThisFile();

test("web search from the composer: numbered markers with hover cards that lead to the search that found them", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "Citations" });
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id);
  // Turn web search on in the composer, as a user would, and ask.
  await page.getByRole("region", { name: "Composer" }).getByRole("button", { name: /^Tools and settings/ }).click();
  await page.getByRole("region", { name: "Tools and settings" }).getByRole("checkbox", { name: "Web search" }).check();
  await page.keyboard.press("Escape");
  const node = await fetchNode(request, await explorer.send("What's the latest news about AI?"));
  expect(node.request).toMatchObject({ tools: [{ type: "web_search" }] });
  await expect(explorer.card(node.id).getByTitle("Tool call: Web search")).toBeVisible();
  await expect(explorer.card(node.id).getByTestId("citation-count")).toHaveText(String(node.citationCount));

  const markers = explorer.answer.getByTestId("citation-marker");
  await expect(markers.first()).toBeVisible();
  const sources = explorer.answer.getByTestId("answer-source");
  expect(await sources.count()).toBeGreaterThan(0);
  await expect(markers.first()).toHaveText("1");

  // Hover: the card names the page and quotes the sentence it supports.
  const output = node.response?.output as { type: string; content?: { text: string; annotations: { title: string; start_index: number; end_index: number; url: string }[] }[] }[];
  const part = output.find((item) => item.type === "message")!.content![0]!;
  const first = part.annotations[0]!;
  await markers.first().hover();
  const card = page.getByRole("tooltip").filter({ hasText: first.title });
  await expect(card).toBeVisible();
  await expect(card).toContainText(part.text.slice(first.start_index, first.end_index));
  await saveArtifact(page, "citation-hover");

  // Sources open in a new tab without a referrer.
  const link = sources.first().getByRole("link", { name: first.title });
  await expect(link).toHaveAttribute("href", first.url);
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  await expect(link).toHaveAttribute("target", "_blank");

  // Click: the Tools tab opens on the web search, which lists the sources the answer cited.
  await markers.first().click();
  await expect(explorer.tab("Tools")).toHaveAttribute("aria-selected", "true");
  const searchCard = page.locator('[data-testid="tool-card"][data-item-type="web_search_call"]');
  await expect(searchCard).toHaveAttribute("data-focused", "true");
  await expect(searchCard.getByTestId("cited-sources")).toContainText(first.title);
  await saveArtifact(page, "citation-tool-call");
});

test("file citations name the file and show the retrieved chunk; old annotation shapes still list their sources", async ({ page, request }) => {
  const built = await request.post("/api/trees/example");
  expect(built.status()).toBe(201);
  const { tree } = (await built.json()) as { tree: { id: string } };
  const { nodes } = await fetchTree(request, tree.id);
  const fileNode = nodes.find((n) => n.itemTypes.includes("file_search_call"))!;
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, fileNode.id);
  await expect(explorer.answer.getByTestId("citation-marker").first()).toBeVisible();
  const source = explorer.answer.getByTestId("answer-source").first();
  await expect(source).toContainText("field-station-handbook.md");
  await expect(source).toContainText("Telescopes must be booked");
  await saveArtifact(page, "citation-file");

  // A Response in an older shape: citations without indexes, index null, a web search without action, a float time.
  const legacy = {
    id: "resp_legacy1",
    object: "response",
    created_at: 1718000000.25,
    status: "completed",
    model: "gpt-4o",
    output: [
      { id: "ws_old", type: "web_search_call", status: "completed" },
      {
        id: "msg_old",
        type: "message",
        role: "assistant",
        status: "completed",
        content: [
          {
            type: "output_text",
            text: "Old answer with citations.",
            annotations: [
              { type: "url_citation", url: "https://old.example/page", title: "Old page" },
              { type: "file_citation", file_id: "file-old", filename: "old.pdf", index: null },
            ],
          },
        ],
      },
    ],
  };
  const imported = await request.post("/api/trees/import", { data: { data: legacy } });
  expect(imported.status()).toBe(201);
  const legacyTree = ((await imported.json()) as { tree: { id: string } }).tree;
  const [legacyNode] = (await fetchTree(request, legacyTree.id)).nodes;
  await explorer.open(legacyTree.id, legacyNode!.id);
  await expect(explorer.answer).toContainText("Old answer with citations.");
  await expect(explorer.answer.getByTestId("answer-source")).toHaveCount(2);
  await expect(explorer.answer.getByTestId("citation-marker")).toHaveCount(0);
  await explorer.tab("Tools").click();
  await expect(page.locator('[data-testid="tool-card"][data-item-type="web_search_call"]')).toBeVisible();
});
