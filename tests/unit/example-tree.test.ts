import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as exampleRoute from "@/app/api/trees/example/route";
import * as treesRoute from "@/app/api/trees/route";
import { openDatabase, setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { listNodeDetails } from "@/lib/server/db/nodes";
import { resetEnvForTests } from "@/lib/env";
import { offerExampleOnFirstStart } from "@/lib/server/services/example/example-tree";
import { handleOfflineRequest } from "@/lib/offline/http/router";
import type { NodeDetail } from "@/lib/contracts/nodes";
import type { Tree } from "@/lib/contracts/trees";
import { serve, type Served } from "./support/http";

let database: Database;
let offline: Served;

beforeAll(async () => {
  database = await openDatabase({ kind: "pglite" });
  setDatabaseForTests(database);
  offline = await serve((request) => handleOfflineRequest(request, new URL(request.url).pathname.split("/").filter(Boolean).slice(1)));
  process.env.ARBOR_OFFLINE_BASE_URL = `${offline.url}/v1`;
  process.env.ARBOR_EXAMPLE_TREE = "on";
  resetEnvForTests();
});
afterAll(async () => {
  process.env.ARBOR_EXAMPLE_TREE = "off";
  resetEnvForTests();
  await offline.close();
  await database.close();
});

const context = { params: Promise.resolve({ id: "" }) };
const listTrees = async () => ((await (await treesRoute.GET(new Request("http://arbor.test/api/trees"), context)).json()) as { trees: (Tree & { nodeCount: number })[] }).trees;

describe("the example tree", () => {
  it("is created on the first start only, every step a real node", async () => {
    // Listing trees never writes: before the server's start, there is nothing.
    expect(await listTrees()).toHaveLength(0);
    await offerExampleOnFirstStart();
    const first = await listTrees();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ title: "Example: a tour of the Responses API" });
    expect(first[0]!.nodeCount).toBeGreaterThanOrEqual(8);
    // A second start (or a user who deleted it) does not bring it back.
    await offerExampleOnFirstStart();
    expect(await listTrees()).toHaveLength(1);
  });

  it("walks through chaining, forks, web search with citations, images, file search and a function call", async () => {
    const response = await exampleRoute.POST(new Request("http://arbor.test/api/trees/example", { method: "POST" }), context);
    expect(response.status).toBe(201);
    const { tree } = (await response.json()) as { tree: Tree };
    const nodes = await listNodeDetails(database.db, tree.id);
    const byInput = (text: string) => nodes.find((n) => n.inputPreview.startsWith(text)) as NodeDetail;

    const joke = byInput("Tell me a joke");
    const another = byInput("Tell me another");
    const different = byInput("Tell me a different joke");
    expect(another.parentId).toBe(joke.id);
    expect(another.request).toMatchObject({ previous_response_id: joke.responseId });
    expect(different.parentId).toBe(joke.id);

    const news = byInput("What's the latest news about AI?");
    expect(news.itemTypes).toEqual(["web_search_call", "message"]);
    expect(news.citationCount).toBeGreaterThan(0);
    const image = nodes.find((n) => n.parentId === news.id)!;
    expect(JSON.stringify(image.input)).toContain("data:image/png;base64,");
    // It cannot see the picture: it says what it can read of it, then searches the web for what the words ask.
    expect(image.itemTypes).toEqual(["web_search_call", "message"]);
    expect(image.citationCount).toBeGreaterThan(0);
    const imageMessage = (image.response?.output as { type: string; content?: { text: string; annotations: { start_index: number; end_index: number }[] }[] }[]).find(
      (item) => item.type === "message",
    )!.content![0]!;
    expect(imageMessage.text).toMatch(/^You sent an image/);
    for (const a of imageMessage.annotations) expect(imageMessage.text.slice(a.start_index, a.end_index)).toMatch(/^[A-Z].*[.!?]$/);

    const fileSearch = byInput("How far ahead do I need to book a telescope");
    expect(fileSearch.itemTypes).toContain("file_search_call");
    expect(fileSearch.outputPreview).toMatch(/seven days/);

    const call = byInput("What's the weather in Lisbon");
    expect(call.itemTypes).toEqual(["function_call"]);
    const answered = nodes.find((n) => n.parentId === call.id)!;
    expect(answered.status).toBe("completed");
    expect(answered.outputPreview).toMatch(/21/);
    expect(nodes.every((n) => n.status === "completed")).toBe(true);
  });
});
