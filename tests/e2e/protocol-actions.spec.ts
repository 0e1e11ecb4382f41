import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import type { NodeSummary } from "@/lib/contracts/nodes";
import type { Tree } from "@/lib/contracts/trees";
import { bothThemes, createNodeViaApi, createTreeViaApi, ExplorerPage, fetchNode, fetchTree } from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

// The protocol's actions a user takes on a node: server-side compaction and "compact from this node", answering an
// MCP approval in two branches, a custom tool's grammar, and what a fork onto another model changes.

serverForThisFile();

const fixtures = JSON.parse(readFileSync(path.join(__dirname, "../fixtures/late-2026-items.json"), "utf8")) as Record<string, unknown>;

async function importFixture(request: APIRequestContext, name: string): Promise<{ tree: Tree; nodes: NodeSummary[] }> {
  const answer = await request.post("/api/trees/import", { data: fixtures[name] });
  expect(answer.status()).toBe(201);
  const { tree } = (await answer.json()) as { tree: Tree };
  return { tree, nodes: (await fetchTree(request, tree.id)).nodes };
}

// About 1,500 tokens: with the threshold at 1000, the next turn's context passes it.
const longQuestion = `Describe the orchard: ${"the orchard has apple, pear and plum trees planted in rows; ".repeat(50)}`;

test("a context past the threshold is compacted in the stream, and a node's branch compacts into a new root", async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const tree = await createTreeViaApi(request, { title: "Orchard", model: "offline-echo" });
  const root = await createNodeViaApi(request, tree.id, { parentId: null, input: longQuestion });
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, root.id);

  // The composer's setting sends context_management; the engine compacts the context that passes it.
  const composer = page.getByRole("region", { name: "Composer" });
  await composer.getByRole("button", { name: /^Tools and settings/ }).click();
  const panel = page.getByRole("region", { name: "Tools and settings" });
  await panel.getByRole("textbox", { name: "Compact context above (tokens)" }).fill("1000");
  await page.keyboard.press("Escape");
  await expect(composer.getByTestId("composer-badge")).toContainText(["compact > 1000 tok"]);
  const compactedTurn = await explorer.send("Which tree flowers first?");
  const sent = await fetchNode(request, compactedTurn);
  expect(sent.request).toMatchObject({ context_management: [{ type: "compaction", compact_threshold: 1000 }] });
  expect(sent.response?.output[0]?.type).toBe("compaction");
  await expect(explorer.card(compactedTurn)).toContainText("compacted");
  await expect(explorer.answer).toContainText("Compacted: 1 compaction item standing for 2 earlier items");

  await explorer.tab("Tools").click();
  await expect(explorer.inspector.locator('[data-testid="tool-card"][data-item-type="compaction"]')).toBeVisible();
  await explorer.tab("Events").click();
  await expect(explorer.inspector.getByRole("tabpanel")).toContainText("response.compaction.compacting");
  await bothThemes(page, "protocol-compaction-events");

  // Compact from this node: a new root that says where it came from, selected at once.
  await explorer.tab("Answer").click();
  await explorer.inspector.getByRole("button", { name: "Compact from this node" }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get("node")).not.toBe(compactedTurn);
  const compactedRoot = new URL(page.url()).searchParams.get("node")!;
  await expect(explorer.card(compactedRoot).getByTestId("compacted-from")).toHaveText("Compacted from “Which tree flowers first?”");
  const note = explorer.inspector.getByTestId("compacted-root");
  await expect(note.getByTestId("compacted-from-note")).toHaveText("Compacted from “Which tree flowers first?”");
  // Its id is the compaction's, not a response to chain to, and says so.
  await expect(explorer.inspector.getByRole("button", { name: "Copy compaction id" })).toBeVisible();
  await expect(explorer.inspector.getByRole("button", { name: "Copy response id" })).toHaveCount(0);
  // The branch's own server-side compaction already holds the first question: it is folded again, with the answer.
  await expect(note).toContainText("Kept as they were: 1 user message");
  await expect(explorer.inspector.getByTestId("context-note")).toContainText(`previous_response_id ${sent.responseId}`);
  const saved = await fetchNode(request, compactedRoot);
  expect(saved).toMatchObject({ parentId: null, compactedFrom: compactedTurn, treeId: tree.id });
  // Not a call to ask again: no Regenerate (the server refuses a repeat of it too).
  await expect(page.getByRole("button", { name: /^Regenerate/ })).toHaveCount(0);
  await bothThemes(page, "protocol-compacted-root");

  // Forkable like any node: the fork replays the compacted context.
  const fork = await explorer.send("Where shall we walk next?");
  expect((await fetchNode(request, fork)).contextMode).toBe("replay");
  await expect(explorer.answer).toContainText('Last user message: "Where shall we walk next?"');
  await expect(explorer.answer).toContainText("Compacted: 1 compaction item standing for 3 earlier items");

  // And it leads back to where it came from.
  await explorer.select(compactedRoot);
  await explorer.inspector.getByRole("button", { name: "Go to that node" }).click();
  await expect(explorer.inspectedNodeId()).toHaveText(compactedTurn);
});

test("an MCP approval request is answered from its card, approved in one branch and denied in another", async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const { tree, nodes } = await importFixture(request, "mcp_approval");
  const parent = nodes[0]!;
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, parent.id);
  await explorer.tab("Tools").click();
  const card = explorer.inspector.locator('[data-testid="tool-card"][data-item-type="mcp_approval_request"]');
  await expect(card).toContainText("Not answered yet");

  await card.getByRole("button", { name: "Approve mcpr_01 in a new branch" }).click();
  await expect.poll(async () => (await fetchTree(request, tree.id)).nodes.length).toBe(2);
  const approved = (await fetchTree(request, tree.id)).nodes.find((n) => n.parentId === parent.id)!;
  await expect(explorer.card(approved.id)).toHaveAttribute("data-status", "completed");
  await expect(explorer.card(approved.id)).toContainText("Approved");

  await explorer.select(parent.id);
  await explorer.tab("Tools").click();
  await card.getByRole("button", { name: "Deny mcpr_01 in a new branch" }).click();
  await expect.poll(async () => (await fetchTree(request, tree.id)).nodes.length).toBe(3);
  const children = (await fetchTree(request, tree.id)).nodes.filter((n) => n.parentId === parent.id);
  const inputs = await Promise.all(children.map(async (child) => (await fetchNode(request, child.id)).input));
  expect(inputs.map((input) => input[0])).toEqual(
    expect.arrayContaining([
      { type: "mcp_approval_response", approval_request_id: "mcpr_01", approve: true },
      { type: "mcp_approval_response", approval_request_id: "mcpr_01", approve: false },
    ]),
  );
  const denied = children.find((child) => child.id !== approved.id)!;
  await expect(explorer.card(denied.id)).toHaveAttribute("data-status", "completed");
  await expect(explorer.card(denied.id)).toContainText("Denied");

  // The request's card lists both answers, each leading to its branch.
  await explorer.select(parent.id);
  await explorer.tab("Tools").click();
  const answers = card.getByRole("list", { name: "Answers to mcpr_01" });
  await expect(answers.getByRole("listitem")).toHaveCount(2);
  await expect(answers).toContainText("Approved");
  await expect(answers).toContainText("Denied");
  await bothThemes(page, "protocol-mcp-approvals");
  await answers.getByRole("listitem").filter({ hasText: "Denied" }).getByRole("button", { name: "Go to that branch" }).click();
  await expect(explorer.inspectedNodeId()).toHaveText(denied.id);
});

test("a custom tool call shows the grammar its input had to match", async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const { tree, nodes } = await importFixture(request, "tools");
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, nodes[0]!.id);
  await explorer.tab("Tools").click();
  const card = explorer.inspector.locator('[data-testid="tool-card"][data-item-type="custom_tool_call"]');
  await card.scrollIntoViewIfNeeded();
  await expect(card).toContainText("Grammar the input had to match (lark)");
  await expect(card.getByLabel("lark grammar")).toContainText('start: "SELECT " /[a-z, ]+/');
  await bothThemes(page, "protocol-custom-grammar");
});

test("the token line of a fork onto another model says what changes", async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const { tree, nodes } = await importFixture(request, "multi_agent");
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, nodes[0]!.id);
  await explorer.composer.fill("How long until the weather check?");
  const changes = page.getByTestId("fork-changes");
  await expect(changes).toContainText("Forking from gpt-5.2 onto offline-assistant:");
  // The imported parent's response is not on the engine: the count falls back to replay, as staying would.
  await expect(changes).toContainText("The history is replayed as input");
  await expect(changes).toContainText("Input price: unknown → $0 per 1M tokens.");
  await expect(changes).toContainText("Prompt cache lost: up to");
  await bothThemes(page, "protocol-fork-changes");
});
