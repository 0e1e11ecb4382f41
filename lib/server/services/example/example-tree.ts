import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { toFile } from "openai";
import { getDb } from "@/lib/server/db/client";
import { updateNode } from "@/lib/server/db/nodes";
import { claimOnce } from "@/lib/server/db/app-state";
import { env } from "@/lib/env";
import { ArborError } from "@/lib/contracts/errors";
import { clientFor, getProvider, OFFLINE_PROVIDER_ID } from "@/lib/server/providers/registry";
import type { NodeDetail } from "@/lib/contracts/nodes";
import type { Tree } from "@/lib/contracts/trees";
import { createNodeSchema, type CreateNodeBody } from "@/lib/contracts/nodes";
import { functionCallsOf } from "@/lib/responses/input";
import type { Tool } from "@/lib/responses/types";
import { log } from "@/lib/server/log";
import { createNode } from "@/lib/server/services/nodes";
import { createTree } from "@/lib/server/services/trees";
import { ridgeAtNightPng } from "./image";

const HANDBOOK = path.join(process.cwd(), "lib", "server", "services", "example", "field-station-handbook.md");

const weatherTool: Tool = {
  type: "function",
  name: "get_weather",
  description: "Get the current weather for a city",
  parameters: {
    type: "object",
    properties: { city: { type: "string", description: "City name, e.g. Lisbon" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
    required: ["city"],
    additionalProperties: false,
  },
  strict: true,
};

/**
 * Build the example tree through the same path as a user's nodes: a joke, "tell me another" chained by
 * previous_response_id, a fork asking for a different joke, web search news with citations, an image with web
 * search, file search over a bundled handbook, and a function call answered with its output.
 */
export async function createExampleTree(): Promise<{ tree: Tree; nodes: NodeDetail[] }> {
  const offline = getProvider(OFFLINE_PROVIDER_ID);
  const tree = await createTree({ title: "Example: a tour of the Responses API", model: "offline-assistant" });
  const nodes: NodeDetail[] = [];
  // The example is built in a moment, not paced like a live answer: the engine is asked (out of band) not to wait.
  // Each step carries a note saying what it shows: the tree reads as a guided tour of the API walkthrough.
  const add = async (body: CreateNodeBody, note: string) => {
    const { run } = await createNode(tree.id, createNodeSchema.parse(body), { upstreamHeaders: { "x-arbor-offline-tps": "0" } });
    const node = await run.finished();
    if (node.status !== "completed") throw new ArborError("internal_error", `The example step "${node.inputPreview}" ended ${node.status}: ${node.error?.message ?? ""}`);
    await updateNode(await getDb(), node.id, { note });
    nodes.push({ ...node, note });
    return node;
  };

  const joke = await add(
    { parentId: null, input: "Tell me a joke" },
    "Step 1 · Create a response: one responses.create call. The Response tab shows its id (resp_…), which any later call can retrieve with GET /responses/{id}.",
  );
  await add(
    { parentId: joke.id, input: "Tell me another" },
    "Step 2 · Continue the conversation: this call sends previous_response_id (the joke's id) instead of the history. The Request tab shows it; the badge-free card means it was chained, not replayed.",
  );
  await add(
    { parentId: joke.id, input: "Tell me a different joke, and what's the difference between the two?" },
    "Step 3 · Fork: “I didn't like that joke…” is a second child of the first joke, a sibling of step 2. Use ‹ 1/2 › on the card (or ↑ ↓) to switch between the two branches.",
  );

  const webSearch: Tool[] = [{ type: "web_search" }];
  const include = ["web_search_call.action.sources"];
  const news = await add(
    { parentId: null, input: "What's the latest news about AI?", tools: webSearch, params: { include } },
    "Step 4 · Web search: the hosted web_search tool runs before the answer; the answer's url_citation annotations become the numbered markers and the Sources list.",
  );
  await add({
    parentId: news.id,
    input: [
      {
        type: "message",
        role: "user",
        content: [
          { type: "input_text", text: "Find recent news related to this picture of the night sky, and cite your sources." },
          { type: "input_image", image_url: ridgeAtNightPng(), detail: "auto" },
        ],
      },
    ],
    tools: webSearch,
    params: { include },
  }, "Step 5 · An image in the input: an input_image part sent with text, and web search again; the offline engine says what it can read of the image (format, size).");

  const client = clientFor(offline);
  const file = await client.files.create({ file: await toFile(await readFile(HANDBOOK), "field-station-handbook.md"), purpose: "assistants" });
  const store = await client.vectorStores.create({ name: "Field station handbook", file_ids: [file.id] });
  await add({
    parentId: null,
    input: "How far ahead do I need to book a telescope at the field station?",
    tools: [{ type: "file_search", vector_store_ids: [store.id] }],
    params: { include: ["file_search_call.results"] },
  }, "Step 6 · File search: a vector store built from a bundled handbook; the answer cites the file (file_citation), and the Tools tab shows the chunks that were found.");

  const call = await add(
    { parentId: null, input: "What's the weather in Lisbon right now?", tools: [weatherTool] },
    "Step 7 · A function call: the model asks for get_weather with arguments that fit its JSON schema. Your code runs it; Arbor's composer sends the output back.",
  );
  const functionCall = functionCallsOf(call.response)[0];
  if (functionCall) {
    const answer = (weather: object, note: string) =>
      add({ parentId: call.id, input: [{ type: "function_call_output", call_id: functionCall.callId, output: JSON.stringify(weather) }], tools: [weatherTool] }, note);
    await answer({ city: "Lisbon", temperature_c: 21, conditions: "sunny, light breeze" }, "Step 8 · The function's output, sent as a function_call_output item chained to the call: the model answers from it.");
    await answer(
      { city: "Lisbon", temperature_c: 13, conditions: "drizzle" },
      "Step 9 · Another output for the same call, as a sibling: the card shows the value that differs, so you can see how the answer follows the tool's result.",
    );
  }
  return { tree, nodes };
}

/** On the first start of an installation (and only then), create the example tree; ARBOR_EXAMPLE_TREE=off skips it. */
export async function offerExampleOnFirstStart(): Promise<void> {
  if (!env().ARBOR_EXAMPLE_TREE) return;
  if (!(await claimOnce(await getDb(), "example_tree_offered"))) return;
  try {
    await createExampleTree();
  } catch (err) {
    // The app works without it; the button on the home page can try again.
    log.error({ err }, "could not create the example tree");
  }
}
