import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import type { NodeSummary } from "@/lib/contracts/nodes";
import type { Tree } from "@/lib/contracts/trees";
import { bothThemes, ExplorerPage, fetchTree } from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

serverForThisFile();

const fixtures = JSON.parse(readFileSync(path.join(__dirname, "../fixtures/late-2026-items.json"), "utf8")) as Record<string, unknown>;

/** Import one fixture as it is (a bare Response or export) and answer its tree and nodes. */
async function importFixture(request: APIRequestContext, name: string): Promise<{ tree: Tree; nodes: NodeSummary[] }> {
  const answer = await request.post("/api/trees/import", { data: fixtures[name] });
  expect(answer.status()).toBe(201);
  const { tree } = (await answer.json()) as { tree: Tree };
  return { tree, nodes: (await fetchTree(request, tree.id)).nodes };
}

const cases: [string, string[]][] = [
  ["compaction", ["compaction"]],
  ["multi_agent", ["multi_agent_call", "agent_message", "multi_agent_call_output"]],
  ["tools", ["tool_search_call", "tool_search_output", "program", "program_output", "shell_call", "shell_call_output", "apply_patch_call", "apply_patch_call_output", "custom_tool_call"]],
  ["mcp_approval", ["mcp_approval_request"]],
];

for (const [name, types] of cases) {
  test(`the Tools tab shows a card for each ${name} item, and the graph badges them`, async ({ page, request }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const { tree, nodes } = await importFixture(request, name);
    const explorer = new ExplorerPage(page);
    await explorer.open(tree.id, nodes[0]!.id);
    await explorer.tab("Tools").click();
    const panel = page.getByRole("tabpanel");
    for (const type of types) await expect(panel.locator(`[data-testid="tool-card"][data-item-type="${type}"]`).first()).toBeVisible();
    if (name === "multi_agent") {
      const agents = panel.getByTestId("agent-tree");
      await expect(agents.getByRole("list", { name: "Agents researcher spawned" })).toContainText("weather");
      await expect(agents).toContainText("Winds 12 knots, within limits.");
    }
    if (name === "tools") await expect(panel).toContainText("fp_9c2e41d7a0b3");
    await expect(explorer.card(nodes[0]!.id)).toContainText(name === "compaction" ? "compacted" : name === "multi_agent" ? "agents" : name === "tools" ? "shell" : "approval");
    await bothThemes(page, `item-cards-${name}`);
  });
}

test("an MCP approval is answered in two branches, approve in one and deny in the other", async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const { tree, nodes } = await importFixture(request, "mcp_approval_tree");
  const denied = nodes.find((n) => n.label === "denied")!;
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, denied.id);
  await expect(explorer.cards).toHaveCount(3);
  await expect(explorer.card(denied.id)).toContainText("Denied: Not during the release freeze");
  await bothThemes(page, "item-cards-mcp-branches");
});

test("the composer counts the next call's tokens and prices them", async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const { tree, nodes } = await importFixture(request, "multi_agent");
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, nodes[0]!.id);
  await explorer.composer.fill("How long until the weather check?");
  const estimate = page.getByTestId("token-estimate");
  await expect(estimate).toContainText(/≈ \d+ input tokens/);
  await expect(estimate).toContainText("Forking from gpt-5.2 onto offline");
  await bothThemes(page, "composer-token-estimate");
});
