import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as nodeRoute from "@/app/api/nodes/[id]/route";
import * as searchRoute from "@/app/api/search/route";
import * as treeRoute from "@/app/api/trees/[id]/route";
import * as nodesRoute from "@/app/api/trees/[id]/nodes/route";
import * as treesRoute from "@/app/api/trees/route";
import type { NodeDetail, NodeSummary } from "@/lib/contracts/nodes";
import type { SearchResults } from "@/lib/contracts/search";
import type { Tree } from "@/lib/contracts/trees";
import { resetEnvForTests } from "@/lib/env";
import { handleOfflineRequest } from "@/lib/offline/http/router";
import { setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { testDatabases } from "./support/databases";
import { serve, type Served } from "./support/http";
import { callRoute, type RouteHandler } from "./support/routes";

// A reader's label, note and star on a node (PATCH /api/nodes/:id), and search across trees and nodes
// (GET /api/search), through the real routes, the offline engine over HTTP and a real database.

const base = "http://arbor.test";
let offline: Served;

beforeAll(async () => {
  offline = await serve((request) => handleOfflineRequest(request, new URL(request.url).pathname.split("/").filter(Boolean).slice(1)));
  process.env.ARBOR_OFFLINE_BASE_URL = `${offline.url}/v1`;
  process.env.ARBOR_OFFLINE_TPS = "0";
  delete process.env.ARBOR_PROVIDERS;
  delete process.env.OPENAI_API_KEY;
  resetEnvForTests();
});

afterAll(async () => {
  await offline.close();
});

describe.each(testDatabases())("labels, notes, stars and search on $name", ({ open }) => {
  let database: Database;
  let lisbon: Tree;
  let weather: Tree;
  let root: NodeDetail;
  let child: NodeDetail;
  let toolOutput: NodeDetail;

  const createNode = async (tree: Tree, json: unknown) =>
    (await callRoute(nodesRoute.POST as RouteHandler, `${base}/api/trees/${tree.id}/nodes`, { method: "POST", params: { id: tree.id }, json })).body!.node as NodeDetail;
  const patch = (id: string, json: unknown) => callRoute(nodeRoute.PATCH as RouteHandler, `${base}/api/nodes/${id}`, { method: "PATCH", params: { id }, json });
  const find = async (q: string) => {
    const answer = await callRoute(searchRoute.GET as RouteHandler, `${base}/api/search?q=${encodeURIComponent(q)}`);
    expect(answer.status, q).toBe(200);
    return answer.body as unknown as SearchResults;
  };

  beforeAll(async () => {
    database = await open();
    setDatabaseForTests(database);
    const createTree = async (title: string) => (await callRoute(treesRoute.POST as RouteHandler, `${base}/api/trees`, { method: "POST", json: { title, model: "offline-echo" } })).body!.tree as Tree;
    lisbon = await createTree("Three days in Lisbon");
    weather = await createTree("Weather tools");
    root = await createNode(lisbon, { parentId: null, input: "Plan a three-day trip to Lisbon with trams" });
    child = await createNode(lisbon, { parentId: root.id, input: "Add a day trip to Sintra" });
    toolOutput = await createNode(weather, {
      parentId: null,
      input: [{ type: "function_call_output", call_id: "call_1", output: '{"temperature_c": 13, "sky": "drizzle"}' }],
    });
  });

  afterAll(async () => {
    await database.close();
  });

  it("sets a label, a note and a star, shows them in the tree's summaries, and clears them again", async () => {
    const answer = await patch(child.id, { label: "  Sintra variant ", note: "Compare with the coast version.", starred: true });
    expect(answer.status).toBe(200);
    const node = answer.body!.node as NodeDetail;
    expect({ label: node.label, note: node.note, starred: node.starred }).toEqual({ label: "Sintra variant", note: "Compare with the coast version.", starred: true });

    const tree = await callRoute(treeRoute.GET as RouteHandler, `${base}/api/trees/${lisbon.id}`, { params: { id: lisbon.id } });
    const summary = (tree.body!.nodes as NodeSummary[]).find((n) => n.id === child.id)!;
    expect({ label: summary.label, note: summary.note, starred: summary.starred }).toEqual({ label: "Sintra variant", note: "Compare with the coast version.", starred: true });
    // The call itself is untouched.
    expect(summary.inputPreview).toBe("Add a day trip to Sintra");

    // Only the fields sent change; an empty label or note clears it.
    const starOnly = (await patch(child.id, { starred: false })).body!.node as NodeDetail;
    expect({ label: starOnly.label, starred: starOnly.starred }).toEqual({ label: "Sintra variant", starred: false });
    const cleared = (await patch(child.id, { label: "", note: "   " })).body!.node as NodeDetail;
    expect({ label: cleared.label, note: cleared.note }).toEqual({ label: null, note: null });
  });

  it("refuses an empty patch, an unknown field, a label too long and an unknown node", async () => {
    expect((await patch(root.id, {})).status).toBe(400);
    expect((await patch(root.id, { input: "rewrite history" })).status).toBe(400);
    expect((await patch(root.id, { label: "x".repeat(81) })).status).toBe(400);
    expect((await patch(root.id, { starred: "yes" })).status).toBe(400);
    const missing = await patch("missing", { starred: true });
    expect(missing.status).toBe(404);
    expect((missing.body!.error as { code: string }).code).toBe("not_found");
  });

  it("finds trees by title and nodes by label, note, input and output text, saying where it matched", async () => {
    await patch(root.id, { label: "Tram plan", note: "Ask about the 28 tram at dawn" });

    const byTitle = await find("lisbon days");
    expect(byTitle.trees.map((t) => t.id)).toEqual([lisbon.id]);
    expect(byTitle.trees[0]!.snippet).toEqual({ before: "Three ", match: "days", after: " in Lisbon" });

    const byLabel = await find("tram plan");
    expect(byLabel.nodes[0]).toMatchObject({ id: root.id, treeId: lisbon.id, treeTitle: "Three days in Lisbon", field: "label", label: "Tram plan" });

    const byNote = await find("dawn");
    expect(byNote.nodes.map((n) => [n.id, n.field])).toEqual([[root.id, "note"]]);
    expect(byNote.nodes[0]!.snippet).toEqual({ before: "Ask about the 28 tram at ", match: "dawn", after: "" });

    const byInput = await find("sintra");
    expect(byInput.nodes.map((n) => [n.id, n.field])).toEqual([[child.id, "input"]]);

    // offline-echo describes what it received: words only its answers hold are found in the output.
    const byOutput = await find("deterministic echo");
    expect(byOutput.nodes.filter((n) => n.treeId === lisbon.id).map((n) => [n.id, n.field])).toEqual([
      [child.id, "output"],
      [root.id, "output"],
    ]);
    expect(byOutput.nodes[0]!.snippet.match).toBe("deterministic echo");

    const byToolOutput = await find("drizzle");
    expect(byToolOutput.nodes.map((n) => n.id)).toContain(toolOutput.id);
    expect(byToolOutput.trees).toEqual([]);
  });

  it("matches words, not JSON keys or wildcards, and refuses a query that is empty or too long", async () => {
    // Every input holds the key "content" and the type "input_text" as JSON; neither is text anyone wrote.
    expect((await find("input_text")).nodes).toEqual([]);
    expect((await find("%")).nodes).toEqual([]);
    expect((await find("lisbon nowhere")).nodes).toEqual([]);
    for (const q of ["", "   ", "x".repeat(201)]) {
      const answer = await callRoute(searchRoute.GET as RouteHandler, `${base}/api/search?q=${encodeURIComponent(q)}`);
      expect(answer.status, q).toBe(400);
    }
  });
});
