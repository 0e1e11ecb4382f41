import { createNodeViaApi, createTreeViaApi, ExplorerPage, saveArtifact, switchTheme } from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

serverForThisFile();

test("the Events tab lists the stream with times, marks the first token and expands a payload", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "Events", model: "offline-echo" });
  const node = await createNodeViaApi(request, tree.id, { parentId: null, input: "Plan a picnic" });
  const events = ((await (await request.get(`/api/nodes/${node.id}/events`)).json()) as { events: { type: string }[] }).events;
  expect(events.length).toBeGreaterThan(5);

  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, node.id);
  // Keyboard: from the Answer tab, the arrow keys walk the tabs (Answer -> Tools -> Events).
  await explorer.tab("Answer").focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(explorer.tab("Events")).toHaveAttribute("aria-selected", "true");
  await expect(explorer.tab("Events")).toBeFocused();

  const panel = explorer.inspector.getByRole("tabpanel");
  const list = panel.getByRole("list", { name: "Stream events" });
  const rows = list.getByTestId("event-row");
  await expect(rows.first()).toBeVisible();
  await expect(panel.getByTestId("events-summary")).toContainText(`${events.length} events`);
  await expect(panel.getByTestId("events-summary")).toContainText("first token at +");
  await expect(rows.first()).toContainText(/\+[\d,]+ ms/);
  await expect(rows.first()).toHaveAttribute("data-event-type", "response.created");

  const marker = panel.getByTestId("first-token-marker");
  await expect(marker).toHaveCount(1);
  await expect(rows.filter({ has: page.getByTestId("first-token-marker") })).toHaveAttribute("data-event-type", /\.delta$/);

  const first = rows.first().getByRole("button");
  await expect(first).toHaveAttribute("aria-expanded", "false");
  await first.click();
  await expect(first).toHaveAttribute("aria-expanded", "true");
  const payload = panel.getByLabel("Payload of event 0");
  await expect(payload).toContainText('"type": "response.created"');
  await expect(payload).toContainText('"sequence_number": 0');
  await saveArtifact(page, "inspector-events-light");
  await switchTheme(page, "dark");
  await saveArtifact(page, "inspector-events-dark");
  await switchTheme(page, "light");

  await first.click();
  await expect(payload).toHaveCount(0);
});

test("the Usage tab shows tokens, latency, a zero offline cost and totals for the branch and the tree", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "Usage", model: "offline-echo" });
  const root = await createNodeViaApi(request, tree.id, { parentId: null, input: "Plan a picnic" });
  const child = await createNodeViaApi(request, tree.id, { parentId: root.id, input: "Make it vegetarian" });
  await createNodeViaApi(request, tree.id, { parentId: root.id, input: "Make it a beach picnic" });
  expect(child.costUsd).toBe(0);
  const usage = child.usage as { input_tokens: number; output_tokens: number };

  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, child.id);
  await explorer.tab("Usage").click();
  const panel = explorer.inspector.getByRole("tabpanel");

  const tokens = panel.getByRole("region", { name: "Tokens" });
  await expect(tokens.getByRole("definition").nth(0)).toHaveText(usage.input_tokens.toLocaleString("en-US"));
  await expect(tokens.getByRole("definition").nth(2)).toHaveText(usage.output_tokens.toLocaleString("en-US"));
  const latency = panel.getByRole("region", { name: "Latency" });
  await expect(latency.getByRole("definition").nth(0)).toHaveText(/^\d+ ms$|^\d+\.\d s$/);
  await expect(latency.getByRole("definition").nth(1)).toHaveText(/^\d+ ms$|^\d+\.\d s$/);
  await expect(panel.getByRole("region", { name: "Cost" }).getByRole("definition").first()).toHaveText("$0.00");

  const branch = panel.getByRole("region", { name: "Branch (root → this node)" });
  await expect(branch.getByRole("definition").first()).toHaveText("2");
  await expect(branch.getByRole("definition").last()).toHaveText("$0.00");
  const whole = panel.getByRole("region", { name: "Whole tree" });
  await expect(whole.getByRole("definition").first()).toHaveText("3");
  await expect(whole.getByRole("definition").last()).toHaveText("$0.00");
  await saveArtifact(page, "inspector-usage-light");
  await switchTheme(page, "dark");
  await saveArtifact(page, "inspector-usage-dark");
  await switchTheme(page, "light");
});

test("the Tools tab says when an answer made no tool calls", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "No tools", model: "offline-echo" });
  const node = await createNodeViaApi(request, tree.id, { parentId: null, input: "Plan a picnic" });
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, node.id);
  await explorer.tab("Tools").click();
  await expect(explorer.inspector.getByRole("heading", { name: "No tool calls in this answer" })).toBeVisible();
  await expect(explorer.card(node.id).getByTestId("node-badges")).toHaveCount(0);
  await saveArtifact(page, "inspector-tools-empty-light");
  await switchTheme(page, "dark");
  await saveArtifact(page, "inspector-tools-empty-dark");
  await switchTheme(page, "light");
});

test("a web search shows as a graph badge, a timed Tools card with its query, and a reasoning summary", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "Web search", model: "offline-assistant" });
  const node = await createNodeViaApi(request, tree.id, {
    parentId: null,
    input: "What is the tallest tree in the world?",
    tools: [{ type: "web_search" }],
    params: { reasoning: { effort: "low", summary: "auto" } },
  });
  expect(node.itemTypes).toContain("web_search_call");
  const search = (node.response?.output as { type: string; action?: { query?: string } }[]).find((item) => item.type === "web_search_call");
  const query = search?.action?.query ?? "";
  expect(query).not.toBe("");

  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, node.id);
  const badges = explorer.card(node.id).getByTestId("node-badges");
  await expect(badges.getByTitle("Tool call: Web search")).toHaveText("web");
  if (node.citationCount > 0) await expect(badges.getByTestId("citation-count")).toHaveText(String(node.citationCount));

  if (node.itemTypes.includes("reasoning")) {
    const reasoning = explorer.inspector.getByTestId("reasoning-summary");
    await expect(reasoning).toBeVisible();
    await reasoning.getByText("Reasoning summary").click();
    await expect(reasoning).toHaveAttribute("open", "");
    await expect(reasoning).toContainText("Planning");
    await saveArtifact(page, "inspector-answer-reasoning-light");
  }

  await explorer.tab("Tools").click();
  const card = explorer.inspector.getByRole("article", { name: "Web search" });
  await expect(card).toBeVisible();
  await expect(card).toContainText("completed");
  await expect(card).toContainText(`“${query}”`);
  await expect(card).toContainText(/\+[\d,]+ ms → \+[\d,]+ ms/);
  await saveArtifact(page, "inspector-tools-light");
  await switchTheme(page, "dark");
  await saveArtifact(page, "inspector-tools-dark");
  await switchTheme(page, "light");
});

test("a function call and a code interpreter call show their arguments, code and status in the Tools tab", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "Tools", model: "offline-assistant" });
  const weather = {
    type: "function",
    name: "get_weather",
    description: "Weather for a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  };
  const call = await createNodeViaApi(request, tree.id, { parentId: null, input: "What is the weather in Oslo?", tools: [weather] });
  const callId = (call.response?.output as { type: string; call_id?: string }[]).find((item) => item.type === "function_call")?.call_id;
  expect(callId).toBeTruthy();
  // The function's result goes back in the next turn, as the child's input.
  await createNodeViaApi(request, tree.id, {
    parentId: call.id,
    input: [{ type: "function_call_output", call_id: String(callId), output: '{"temperature_c":12}' }],
    tools: [weather],
  });
  const sum = await createNodeViaApi(request, tree.id, {
    parentId: null,
    input: "What is 12 * (3 + 4)?",
    tools: [{ type: "code_interpreter", container: { type: "auto" } }],
  });

  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id, call.id);
  await expect(explorer.card(call.id).getByTitle("Tool call: Function call")).toHaveText("function");
  await explorer.tab("Tools").click();
  const fn = explorer.inspector.getByRole("article", { name: "Function call" });
  await expect(fn).toContainText("get_weather");
  const args = JSON.parse(await fn.getByLabel("Arguments").innerText()) as Record<string, unknown>;
  expect(args).toEqual({ city: "Oslo" });
  await expect(fn.getByLabel("Output", { exact: true })).toContainText('"temperature_c": 12');
  await saveArtifact(page, "inspector-tools-function-light");

  await explorer.select(sum.id);
  await expect(explorer.tab("Tools")).toHaveAttribute("aria-selected", "true");
  const code = explorer.inspector.getByRole("article", { name: "Code interpreter" });
  await expect(code.getByLabel("Code", { exact: true })).toHaveText("print(12 * (3 + 4))");
  await expect(code).toContainText("completed");
  await switchTheme(page, "dark");
  await saveArtifact(page, "inspector-tools-code-dark");
  await switchTheme(page, "light");
});

// A 2×2 red PNG.
const RED_SQUARE_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEUlEQVR4nGP4z8DwnwGMgRQAH+4D/dJQfRoAAAAASUVORK5CYII=";

test("an unknown item type still renders as labelled JSON, and a model without a price shows no cost", async ({ page, request }) => {
  // An imported Response (recorded elsewhere) carrying an item type Arbor has never heard of, and an MCP call.
  const response = {
    id: "resp_imported1",
    object: "response",
    model: "some-unpriced-model",
    status: "completed",
    output: [
      { type: "hologram_call", id: "h_1", status: "completed", beam: { power: 3 } },
      { type: "image_generation_call", id: "ig_1", status: "completed", revised_prompt: "A red square", result: RED_SQUARE_PNG },
      { type: "mcp_call", id: "mcp_1", server_label: "deepwiki", name: "ask_question", arguments: '{"q":"arbor"}', output: "An answer", status: "completed" },
      { type: "message", id: "msg_1", role: "assistant", status: "completed", content: [{ type: "output_text", text: "Done.", annotations: [] }] },
    ],
    usage: { input_tokens: 1000, input_tokens_details: { cached_tokens: 0 }, output_tokens: 500, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 1500 },
  };
  const imported = await request.post("/api/trees/import", { data: { data: response, title: "Imported" } });
  expect(imported.status()).toBe(201);
  const treeId = ((await imported.json()) as { tree: { id: string } }).tree.id;
  const nodes = ((await (await request.get(`/api/trees/${treeId}`)).json()) as { nodes: { id: string }[] }).nodes;
  const nodeId = nodes[0]?.id ?? "";

  const explorer = new ExplorerPage(page);
  await explorer.open(treeId, nodeId);
  const badges = explorer.card(nodeId).getByTestId("node-badges");
  await expect(badges.getByTitle("Tool call: hologram_call")).toHaveText("hologram");
  await expect(badges.getByTitle("Tool call: MCP call")).toHaveText("mcp");

  await explorer.tab("Tools").click();
  const unknown = explorer.inspector.getByRole("article", { name: /hologram_call/ });
  await expect(unknown).toContainText("unknown type");
  await expect(unknown.getByLabel("hologram_call JSON")).toContainText('"power": 3');
  const mcp = explorer.inspector.getByRole("article", { name: "MCP call" });
  await expect(mcp).toContainText("deepwiki");
  await expect(mcp).toContainText("ask_question");
  await expect(mcp.getByLabel("Output", { exact: true })).toHaveText("An answer");
  const generated = explorer.inspector.getByRole("article", { name: "Image generation" });
  await expect(generated.getByTestId("generated-image")).toHaveAttribute("src", `data:image/png;base64,${RED_SQUARE_PNG}`);
  await expect(generated.getByTestId("generated-image")).toHaveJSProperty("naturalWidth", 2);
  await saveArtifact(page, "inspector-tools-unknown-light");

  await explorer.tab("Events").click();
  await expect(explorer.inspector.getByRole("heading", { name: "No events stored" })).toBeVisible();

  await explorer.tab("Usage").click();
  const cost = explorer.inspector.getByRole("region", { name: "Cost" });
  await expect(cost.getByRole("definition").first()).toHaveText("—");
  await expect(explorer.inspector.getByRole("region", { name: "Tokens" }).getByRole("definition").first()).toHaveText("1,000");
  await expect(explorer.inspector.getByRole("region", { name: "Whole tree" }).getByRole("definition").last()).toHaveText("—");
});

test("every other output item type has its own card: custom tools, MCP tools and approvals, computer use, local shell", async ({ page, request }) => {
  const response = {
    id: "resp_every_type",
    object: "response",
    model: "gpt-4.1",
    status: "completed",
    output: [
      { type: "mcp_list_tools", id: "mcpl_1", server_label: "deepwiki", tools: [{ name: "ask_question", input_schema: { type: "object" } }] },
      { type: "mcp_approval_request", id: "mcpr_1", server_label: "deepwiki", name: "ask_question", arguments: '{"q":"graphs"}' },
      { type: "custom_tool_call", id: "ctc_1", call_id: "call_c1", name: "run_sql", input: "select 1" },
      { type: "computer_call", id: "cu_1", call_id: "call_cu1", status: "completed", action: { type: "click", x: 10, y: 20, button: "left" }, pending_safety_checks: [] },
      { type: "local_shell_call", id: "ls_1", call_id: "call_ls1", status: "completed", action: { type: "exec", command: ["ls", "-la"], env: {} } },
    ],
  };
  const imported = await request.post("/api/trees/import", { data: { data: response, title: "Every type" } });
  expect(imported.status()).toBe(201);
  const treeId = ((await imported.json()) as { tree: { id: string } }).tree.id;
  const nodeId = ((await (await request.get(`/api/trees/${treeId}`)).json()) as { nodes: { id: string }[] }).nodes[0]?.id ?? "";

  const explorer = new ExplorerPage(page);
  await explorer.open(treeId, nodeId);
  await explorer.tab("Tools").click();
  const cards = explorer.inspector.getByTestId("tool-card");
  await expect(cards).toHaveCount(5);
  const expected: [string, string][] = [
    ["MCP list tools", "ask_question"],
    ["MCP approval request", "deepwiki"],
    ["Custom tool call", "select 1"],
    ["Computer use", "click"],
    ["Local shell", "ls -la"],
  ];
  for (const [label, text] of expected) {
    const card = explorer.inspector.getByRole("article", { name: label });
    await expect(card).toBeVisible();
    await expect(card).toContainText(text);
    await expect(card).not.toContainText("unknown type");
  }
  await saveArtifact(page, "inspector-tools-every-type");
});
