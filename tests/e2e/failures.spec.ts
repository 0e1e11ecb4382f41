import type { Page } from "@playwright/test";
import type { NodeDetail, NodeEvent } from "@/lib/contracts/nodes";
import { createTreeViaApi, ExplorerPage, fetchTree, saveArtifact } from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

// A slowish offline engine (15 tokens/s), so a stream can be stopped while it runs.
const server = serverForThisFile({ ARBOR_OFFLINE_TPS: "15" });

/**
 * Add metadata to the nodes the composer sends: the offline engine reads its faults (`arbor_fault`) and pace
 * (`arbor_offline_tps`) from there, and the composer has no field for it.
 */
async function addToSentMetadata(page: Page, metadata: Record<string, string>): Promise<void> {
  await page.route("**/api/trees/*/nodes", async (route) => {
    const body = route.request().postDataJSON() as { params?: { metadata?: Record<string, string> } };
    const params = { ...body.params, metadata: { ...body.params?.metadata, ...metadata } };
    await route.continue({ postData: JSON.stringify({ ...body, params }) });
  });
}

test("a stream that fails mid-answer keeps what arrived: the Answer tab and the card show it as partial, with the error and Retry", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "Partial", model: "offline-assistant" });
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id);
  await addToSentMetadata(page, { arbor_fault: "fail:6" });
  await explorer.composer.fill("Tell me about photosynthesis");
  await explorer.sendButton.click();

  await expect(explorer.cards).toHaveCount(1);
  const card = explorer.cards.first();
  await expect(card).toHaveAttribute("data-status", "failed");
  await expect(page.getByRole("region", { name: "Composer" }).getByRole("alert")).toContainText("The model call failed");

  await expect(explorer.answer.getByTestId("partial-answer")).toHaveText("Partial answer: the stream failed after 6 events.");
  await expect(explorer.answer).toContainText("I'm offline-assistant,");
  await expect(card.getByTestId("node-answer")).toHaveText("Partial · I'm offline-assistant,");
  const failure = explorer.inspector.getByRole("alert").filter({ hasText: "This call failed" });
  await expect(failure).toContainText("server_error");
  await saveArtifact(page, "partial-answer");

  // Retry asks again as a sibling, with the same request (the same injected fault, so it fails the same way).
  await failure.getByRole("button", { name: "Retry" }).click();
  await expect(explorer.cards).toHaveCount(2);
  await expect(explorer.cards.nth(1)).toHaveAttribute("data-status", "failed");
  const { nodes } = await fetchTree(request, tree.id);
  expect(nodes.map((node) => node.parentId)).toEqual([null, null]);
});

test("a stopped answer and one cut off by a server stop both keep their text, marked partial", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "Stopped", model: "offline-assistant" });
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id);

  // Stopped from the composer while it streams.
  await explorer.composer.fill("Tell me about photosynthesis");
  await explorer.sendButton.click();
  await expect(explorer.answer).toContainText("offline-assistant");
  await page.getByRole("button", { name: "Stop generating" }).click();
  await expect(explorer.cards.first()).toHaveAttribute("data-status", "cancelled");
  await expect(explorer.answer.getByTestId("partial-answer")).toHaveText(/^Partial answer: stopped after \d+ events\.$/);
  await expect(explorer.answer).toContainText("offline-assistant");
  await expect(explorer.inspector.getByRole("button", { name: "Retry" })).toBeEnabled();

  // Cut off: a slow node started by a script, then the server stops under it.
  const response = await fetch(`${server.url}/api/trees/${tree.id}/nodes`, {
    method: "POST",
    headers: { accept: "text/event-stream", "content-type": "application/json" },
    body: JSON.stringify({ parentId: null, input: "Tell me about the moon", params: { metadata: { arbor_offline_tps: "4" } } }),
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let received = "";
  let saved: RegExpExecArray | null = null;
  while (saved === null) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`The stream ended before the node was saved:\n${received}`);
    received += value;
    saved = /event: arbor\.node\ndata: (.*)\n/.exec(received);
  }
  // Leaving the stream does not stop the node (the server goes on with it).
  await reader.cancel();
  const nodeId = (JSON.parse(saved[1]!) as { node: Pick<NodeDetail, "id"> }).node.id;
  const deltas = async () => {
    const events = ((await (await request.get(`/api/nodes/${nodeId}/events`)).json()) as { events: NodeEvent[] }).events;
    return events.filter((event) => event.type === "response.output_text.delta").length;
  };
  await expect.poll(deltas).toBeGreaterThanOrEqual(3);
  await server.restart();

  await explorer.open(tree.id, nodeId);
  await expect(explorer.card(nodeId)).toHaveAttribute("data-status", "failed");
  await expect(explorer.answer.getByTestId("partial-answer")).toHaveText(/^Partial answer: the server stopped after \d+ events\.$/);
  await expect(explorer.answer).toContainText("offline-assistant");
  await expect(explorer.inspector.getByRole("alert").filter({ hasText: "This call failed" })).toContainText("interrupted");
  await expect(explorer.card(nodeId).getByTestId("node-answer")).toHaveText(/^Partial · /);
});

test("a provider's 429 is said plainly in the inspector, with Retry", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "Rate limited", model: "offline-assistant" });
  const sent = await request.post(`/api/trees/${tree.id}/nodes`, {
    data: { parentId: null, input: "Hello", params: { metadata: { arbor_fault: "429" } } },
  });
  expect(sent.status()).toBe(429);
  expect(sent.headers()["retry-after"]).toBe("1");
  const { node } = (await sent.json()) as { node: NodeDetail };
  expect(node.error).toMatchObject({ status: 429, retryAfterSeconds: 1 });

  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, node.id);
  const limited = explorer.inspector.getByRole("alert").filter({ hasText: "Rate limited" });
  await expect(limited).toContainText("Offline engine is rate limiting; try again in 1 s.");
  await saveArtifact(page, "rate-limited-inspector");

  // Retry is a sibling with the same request; the injected fault is in it, so the provider refuses it again.
  await limited.getByRole("button", { name: "Retry" }).click();
  await expect(explorer.cards).toHaveCount(2);
  await expect(explorer.cards.nth(1)).toHaveAttribute("data-status", "failed");
  await expect(explorer.inspector.getByRole("alert").filter({ hasText: "Rate limited" })).toBeVisible();
});

test("a rate-limited send from the composer says so, keeps the message, and Retry sends it again", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "Rate limited composer", model: "offline-assistant" });
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id);
  await addToSentMetadata(page, { arbor_fault: "429" });
  await explorer.composer.fill("Hello");
  await explorer.sendButton.click();

  const alert = page.getByRole("region", { name: "Composer" }).getByRole("alert");
  await expect(alert).toContainText("Rate limited");
  await expect(alert).toContainText("Offline engine is rate limiting; try again in 1 s.");
  await expect(explorer.composer).toHaveValue("Hello");
  await expect(explorer.cards.first()).toHaveAttribute("data-status", "failed");
  await saveArtifact(page, "rate-limited-composer");

  // The provider accepts again: Retry sends the kept message, as a sibling of the refused node.
  await page.unroute("**/api/trees/*/nodes");
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(explorer.cards).toHaveCount(2);
  await expect(explorer.cards.nth(1)).toHaveAttribute("data-status", "completed");
  await expect(alert).toHaveCount(0);
  await expect(explorer.composer).toHaveValue("");
  const { nodes } = await fetchTree(request, tree.id);
  expect(nodes.map((node) => [node.inputPreview, node.parentId, node.status])).toEqual([
    ["Hello", null, "failed"],
    ["Hello", null, "completed"],
  ]);
});
