import type { APIRequestContext, Page } from "@playwright/test";
import type { ProviderInfo } from "@/lib/contracts/providers";
import type { Tree } from "@/lib/contracts/trees";
import { createTreeViaApi, ExplorerPage, fetchNode, fetchTree, saveArtifact, switchTheme, transitionsDone } from "./support/explorer";
import { serverForThisFile } from "./support/server";
import { expect, test } from "./support/test";

serverForThisFile();

const weatherParameters = '{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}';

/** Answer `GET /api/providers` with the offline engine running these hosted tools (the real list may differ). */
async function offlineRuns(page: Page, hostedTools: string[]): Promise<void> {
  await page.route("**/api/providers", async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { providers: ProviderInfo[] };
    const providers = body.providers.map((p) => (p.id === "offline" ? { ...p, capabilities: { ...p.capabilities, hostedTools } } : p));
    await route.fulfill({ response, json: { providers } });
  });
}

/** Wait until the selection moves off `from` (a new node was saved and selected); returns the new node's id. */
async function newSelection(page: Page, from: string | null): Promise<string> {
  const selected = () => new URL(page.url()).searchParams.get("node");
  await expect.poll(selected).not.toBe(from);
  const id = selected();
  if (id === null) throw new Error("No node selected");
  return id;
}

function composerParts(page: Page) {
  const composer = page.getByRole("region", { name: "Composer" });
  const settingsButton = composer.getByRole("button", { name: /^Tools and settings/ });
  const panel = page.getByRole("region", { name: "Tools and settings" });
  return { composer, settingsButton, panel };
}

test("tools and parameters are remembered per tree and sent with the next node", async ({ page, request }) => {
  await offlineRuns(page, ["web_search", "code_interpreter"]);
  const tree = await createTreeViaApi(request, { title: "Settings" });
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id);
  const { composer, settingsButton, panel } = composerParts(page);
  const closedHeight = (await composer.boundingBox())?.height;

  await settingsButton.click();
  await expect(panel).toBeVisible();
  await panel.getByRole("checkbox", { name: "Web search" }).check();
  await panel.getByRole("button", { name: "Add function" }).click();
  const fn = panel.getByRole("group", { name: "Function 1" });
  await fn.getByRole("textbox", { name: "Name" }).fill("get_weather");
  await fn.getByRole("textbox", { name: "Description" }).fill("Current weather for a city");
  await fn.getByRole("textbox", { name: "Parameters (JSON schema)" }).fill(weatherParameters);
  await panel.getByRole("textbox", { name: "Instructions" }).fill("Answer in one sentence.");
  await panel.getByRole("textbox", { name: "Temperature" }).fill("0.7");
  await panel.getByRole("textbox", { name: "Max output tokens" }).fill("400");
  await panel.getByRole("combobox", { name: "Reasoning effort" }).selectOption("low");
  await transitionsDone(page);
  await saveArtifact(page, "composer-settings-light");
  // The theme toggle is outside the panel: clicking it closes the panel, like any click outside.
  await switchTheme(page, "dark");
  await expect(panel).toBeHidden();
  await settingsButton.click();
  await transitionsDone(page);
  await saveArtifact(page, "composer-settings-dark");
  await switchTheme(page, "light");
  await settingsButton.click();
  await expect(panel.getByRole("checkbox", { name: "Web search" })).toBeFocused();

  // Escape closes the panel and gives focus back to its button, whose badges say what the next node sends.
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(settingsButton).toBeFocused();
  await expect(composer.getByTestId("composer-badge")).toHaveText(["web search", "function get_weather"]);
  await expect(settingsButton).toContainText("+4");
  await expect(settingsButton).toHaveAccessibleName(/T 0\.7, max 400 tok, effort low/);
  expect((await composer.boundingBox())?.height).toBe(closedHeight);

  // Saved to the tree (debounced), so a reload finds them again.
  await expect.poll(async () => (await fetchTree(request, tree.id)).tree.settings.tools?.length).toBe(2);
  await page.reload();
  await explorer.ready();
  await settingsButton.click();
  await expect(panel.getByRole("checkbox", { name: "Web search" })).toBeChecked();
  await expect(panel.getByRole("group", { name: "Function 1" }).getByRole("textbox", { name: "Name" })).toHaveValue("get_weather");
  await expect(panel.getByRole("textbox", { name: "Temperature" })).toHaveValue("0.7");
  await expect(panel.getByRole("textbox", { name: "Instructions" })).toHaveValue("Answer in one sentence.");
  await expect(panel.getByRole("combobox", { name: "Reasoning effort" })).toHaveValue("low");
  await page.keyboard.press("Escape");

  await explorer.composer.fill("What's the weather in Paris?");
  await explorer.sendButton.click();
  const nodeId = await newSelection(page, null);
  await expect(explorer.card(nodeId)).toHaveAttribute("data-status", "completed");
  const node = await fetchNode(request, nodeId);
  expect(node.request).toMatchObject({
    instructions: "Answer in one sentence.",
    temperature: 0.7,
    max_output_tokens: 400,
    reasoning: { effort: "low", summary: "auto" },
    tools: [
      { type: "web_search" },
      {
        type: "function",
        name: "get_weather",
        description: "Current weather for a city",
        parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
      },
    ],
  });
  expect(node.request).not.toHaveProperty("top_p");

  // The engine called get_weather: the composer now asks for its output instead of a message.
  await expect(page.getByTestId("function-outputs")).toContainText("Awaiting tool output for 1 call");
  await expect(page.getByTestId("function-outputs")).toContainText("get_weather");

  // Regenerate asks the same way: same input, same tools and parameters as the node it repeats.
  const regeneratedId = await explorer.regenerate();
  const regenerated = await fetchNode(request, regeneratedId);
  expect(regenerated.parentId).toBeNull();
  expect(regenerated.request).toMatchObject({ tools: node.request?.tools, temperature: 0.7, instructions: "Answer in one sentence." });
});

test("a hosted tool the provider does not run is disabled, with the reason shown", async ({ page, request }) => {
  await offlineRuns(page, []);
  const tree = await createTreeViaApi(request, { title: "Capabilities" });
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id);
  const { settingsButton, panel } = composerParts(page);
  await settingsButton.click();
  for (const [name, reason] of [
    ["Web search", "Offline engine does not run web_search"],
    ["MCP server", "Offline engine does not run mcp"],
    ["File search", "Offline engine does not run file_search"],
  ] as const) {
    const box = panel.getByRole("checkbox", { name });
    await expect(box).toBeDisabled();
    await expect(box).toHaveAccessibleDescription(reason);
  }
});

test("an invalid function schema or number blocks sending, with the error inline", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "Invalid settings" });
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id);
  const { composer, settingsButton, panel } = composerParts(page);
  await explorer.composer.fill("Look something up");
  await expect(explorer.sendButton).toBeEnabled();

  await settingsButton.click();
  await panel.getByRole("button", { name: "Add function" }).click();
  const fn = panel.getByRole("group", { name: "Function 1" });
  await fn.getByRole("textbox", { name: "Name" }).fill("lookup");
  const parameters = fn.getByRole("textbox", { name: "Parameters (JSON schema)" });
  await parameters.fill('{"type": "object", "properties": {');
  await expect(fn.getByRole("alert")).toContainText("Not valid JSON");
  await expect(parameters).toHaveAttribute("aria-invalid", "true");
  await expect(explorer.sendButton).toBeDisabled();
  await expect(composer.getByTestId("composer-blocked")).toContainText("Fix the tools and settings first: Not valid JSON");

  await parameters.fill('{"type": "string"}');
  await expect(fn.getByRole("alert")).toHaveText('The schema needs "type": "object"');
  await expect(explorer.sendButton).toBeDisabled();

  await parameters.fill('{"type": "object", "properties": {"q": {"type": "string"}}}');
  await expect(fn.getByRole("alert")).toHaveCount(0);
  await expect(explorer.sendButton).toBeEnabled();

  const temperature = panel.getByRole("textbox", { name: "Temperature" });
  await temperature.fill("3");
  await expect(panel.getByText("Temperature must be between 0 and 2")).toBeVisible();
  await expect(explorer.sendButton).toBeDisabled();
  await parameters.fill('{"type": "object", "properties": {');
  await transitionsDone(page);
  await saveArtifact(page, "composer-settings-invalid");
  await parameters.fill("{}");
  await temperature.fill("");
  await expect(explorer.sendButton).toBeDisabled();
});

/** A tree made by importing a Response that ends with an unanswered function call. */
async function importFunctionCall(request: APIRequestContext): Promise<{ tree: Tree; nodeId: string }> {
  const response = await request.post("/api/trees/import", {
    data: {
      data: {
        id: "resp_weather_call",
        object: "response",
        status: "completed",
        model: "offline-assistant",
        output: [
          { id: "fc_1", type: "function_call", call_id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}', status: "completed" },
        ],
      },
    },
  });
  expect(response.status()).toBe(201);
  const { tree } = (await response.json()) as { tree: Tree };
  const { nodes } = await fetchTree(request, tree.id);
  const node = nodes[0];
  if (!node) throw new Error("The import made no node");
  return { tree, nodeId: node.id };
}

test("a pending function call is answered from the composer; a second output becomes a sibling branch", async ({ page, request }) => {
  const { tree, nodeId } = await importFunctionCall(request);
  const explorer = new ExplorerPage(page);
  await page.goto(`/t/${tree.id}?node=${nodeId}`);
  await explorer.ready();
  const form = page.getByTestId("function-outputs");
  await expect(form).toContainText("Awaiting tool output for 1 call");
  await expect(form).toContainText('get_weather({"city":"Paris"})');
  const output = form.getByRole("textbox", { name: /Output of get_weather/ });
  const sendOutput = page.getByRole("region", { name: "Composer" }).getByRole("button", { name: "Send output" });
  await expect(sendOutput).toBeDisabled();
  await output.fill('{"temperature": 18, "sky": "sunny"}');
  await transitionsDone(page);
  await saveArtifact(page, "composer-function-outputs-light");
  await switchTheme(page, "dark");
  await saveArtifact(page, "composer-function-outputs-dark");
  await switchTheme(page, "light");

  await sendOutput.click();
  const firstId = await newSelection(page, nodeId);
  await expect(explorer.card(firstId)).toHaveAttribute("data-status", "completed");

  await explorer.select(nodeId);
  await expect(form).toContainText("answered in 1 branch");
  await output.fill('{"temperature": 9, "sky": "rain"}');
  await sendOutput.click();
  const secondId = await newSelection(page, nodeId);
  expect(secondId).not.toBe(firstId);
  await expect(explorer.card(secondId)).toHaveAttribute("data-status", "completed");

  const { nodes } = await fetchTree(request, tree.id);
  const parentOf = Object.fromEntries(nodes.map((node) => [node.id, node.parentId]));
  expect(parentOf).toEqual({ [nodeId]: null, [firstId]: nodeId, [secondId]: nodeId });
  expect((await fetchNode(request, firstId)).input).toEqual([
    { type: "function_call_output", call_id: "call_1", output: '{"temperature": 18, "sky": "sunny"}' },
  ]);
  expect((await fetchNode(request, secondId)).input).toEqual([
    { type: "function_call_output", call_id: "call_1", output: '{"temperature": 9, "sky": "rain"}' },
  ]);
});

const onePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

test("images attach by upload or URL, show as thumbnails and are sent as input_image parts", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "Images" });
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id);
  const { composer } = composerParts(page);
  const thumbnails = composer.getByRole("list", { name: "Attached images" }).getByRole("listitem");

  // By URL: a bad one is refused inline; a good one adds a thumbnail that can be removed again.
  await composer.getByRole("button", { name: "Attach an image by URL" }).click();
  const url = composer.getByRole("textbox", { name: "Image URL" });
  await url.fill("not a url");
  await url.press("Enter");
  await expect(composer.getByText("Enter an http(s) or data:image URL")).toBeVisible();
  await url.fill("https://example.com/cat.png");
  await url.press("Enter");
  await expect(thumbnails).toHaveCount(1);
  await composer.getByRole("button", { name: "Remove image cat.png" }).click();
  await expect(thumbnails).toHaveCount(0);

  // By upload: read as a data URL.
  await composer.locator('input[type="file"]').setInputFiles({ name: "dot.png", mimeType: "image/png", buffer: Buffer.from(onePixelPng, "base64") });
  await expect(thumbnails).toHaveCount(1);
  await expect(thumbnails.getByRole("img", { name: "dot.png" })).toBeVisible();
  await explorer.composer.fill("What is in this image?");
  await saveArtifact(page, "composer-images-light");
  const nodeId = await explorer.send("What is in this image?");
  await expect(thumbnails).toHaveCount(0);
  expect((await fetchNode(request, nodeId)).input).toEqual([
    {
      type: "message",
      role: "user",
      content: [
        { type: "input_text", text: "What is in this image?" },
        { type: "input_image", image_url: `data:image/png;base64,${onePixelPng}`, detail: "auto" },
      ],
    },
  ]);
});

test("code interpreter and reasoning from the composer: a code card, a reasoning summary and a badge on the node", async ({ page, request }) => {
  const tree = await createTreeViaApi(request, { title: "Code and reasoning" });
  const explorer = new ExplorerPage(page);
  await explorer.open(tree.id);
  const { settingsButton, panel } = composerParts(page);
  await settingsButton.click();
  await panel.getByRole("checkbox", { name: "Code interpreter" }).check();
  await panel.getByRole("combobox", { name: "Reasoning effort" }).selectOption("low");
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();

  const id = await explorer.send("What is the mean of 2, 4 and 9?");
  const node = await fetchNode(request, id);
  expect(node.request).toMatchObject({ tools: [{ type: "code_interpreter" }], reasoning: { effort: "low" }, include: ["code_interpreter_call.outputs"] });
  expect(node.itemTypes).toEqual(["reasoning", "code_interpreter_call", "message"]);
  await expect(explorer.card(id).getByTitle("Tool call: Code interpreter")).toBeVisible();
  await expect(explorer.answer).toContainText("5");
  await expect(explorer.inspector.getByText("Reasoning", { exact: false }).first()).toBeVisible();

  await explorer.tab("Tools").click();
  const code = explorer.inspector.getByRole("article", { name: "Code interpreter" });
  await expect(code.getByLabel("Code", { exact: true })).toContainText("data = [2, 4, 9]\nprint(statistics.mean(data))");
  await expect(code).toContainText("Logs");
  await expect(code).not.toContainText("No logs");
  await saveArtifact(page, "composer-code-reasoning");
});
