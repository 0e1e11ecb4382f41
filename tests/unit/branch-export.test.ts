import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as exportRoute from "@/app/api/trees/[id]/export/route";
import * as nodesRoute from "@/app/api/trees/[id]/nodes/route";
import * as treesRoute from "@/app/api/trees/route";
import type { NodeDetail } from "@/lib/contracts/nodes";
import type { Tree } from "@/lib/contracts/trees";
import { resetEnvForTests } from "@/lib/env";
import { handleOfflineRequest } from "@/lib/offline/http/router";
import { functionCallsOf } from "@/lib/responses/input";
import { setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { testDatabases } from "./support/databases";
import { serve, type Served } from "./support/http";
import { callRoute, type RouteHandler } from "./support/routes";

// A branch exported as a Markdown transcript and as scripts that ask it again. The TypeScript script is run for real
// (tsx, the openai SDK, over HTTP to the offline engine); the Python one is compiled (no Python SDK is installed here).

const run = promisify(execFile);
const weatherTool = {
  type: "function",
  name: "get_weather",
  description: "Get the current weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
};

let engine: Served;

beforeAll(async () => {
  // One server as Arbor serves the engine (/api/offline/v1/…), so an exported script can reach it at Arbor's origin.
  engine = await serve((request) => handleOfflineRequest(request, new URL(request.url).pathname.split("/").filter(Boolean).slice(3)));
  process.env.ARBOR_OFFLINE_BASE_URL = `${engine.url}/api/offline/v1`;
  process.env.ARBOR_OFFLINE_TPS = "0";
  delete process.env.ARBOR_PROVIDERS;
  delete process.env.OPENAI_API_KEY;
  resetEnvForTests();
});

afterAll(async () => {
  await engine.close();
});

describe.each(testDatabases())("branch export on $name", ({ open }) => {
  let database: Database;
  let tree: Tree;
  let branch: NodeDetail[];

  const exportAs = (format: string, nodeId: string | null = branch.at(-1)!.id) =>
    callRoute(exportRoute.GET as RouteHandler, `${engine.url}/api/trees/${tree.id}/export?format=${format}${nodeId ? `&branch=${nodeId}` : ""}`, { params: { id: tree.id } });

  beforeAll(async () => {
    database = await open();
    setDatabaseForTests(database);
    tree = (await callRoute(treesRoute.POST as RouteHandler, `${engine.url}/api/trees`, { method: "POST", json: { title: "Weather in Lisbon", model: "offline-assistant" } })).body!.tree as Tree;
    const create = async (json: unknown) =>
      (await callRoute(nodesRoute.POST as RouteHandler, `${engine.url}/api/trees/${tree.id}/nodes`, { method: "POST", params: { id: tree.id }, json })).body!.node as NodeDetail;
    const ask = await create({ parentId: null, input: "What is the weather in Lisbon?", tools: [weatherTool] });
    const [call] = functionCallsOf(ask.response);
    expect(call?.name).toBe("get_weather");
    const answered = await create({ parentId: ask.id, input: [{ type: "function_call_output", call_id: call!.callId, output: '{"temperature_c": 13}' }], tools: [weatherTool] });
    const followUp = await create({ parentId: answered.id, input: "And tomorrow, `briefly`?" });
    branch = [ask, answered, followUp];
  });

  afterAll(async () => {
    await database.close();
  });

  it("writes the branch as a Markdown transcript: inputs, tool calls folded, tool outputs, answers", async () => {
    const answer = await exportAs("markdown");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(answer.headers.get("content-disposition")).toBe(`attachment; filename="arbor-${tree.id}-branch-${branch[2]!.id}.md"`);
    const md = answer.text;
    expect(md.startsWith("# Weather in Lisbon\n")).toBe(true);
    expect(md.match(/^## Turn \d/gm)).toEqual(["## Turn 1", "## Turn 2", "## Turn 3"]);
    expect(md).toContain("**User**\n\nWhat is the weather in Lisbon?");
    expect(md).toMatch(/<summary>Tool calls \(1\)<\/summary>\n\n- Function call: `get_weather\(\{"city":/);
    expect(md).toContain('```json\n{"temperature_c": 13}\n```');
    expect(md).toContain("And tomorrow, `briefly`?");
    expect(md.match(/\*\*Assistant\*\*/g)?.length).toBe(2);
  });

  it("writes a TypeScript script that asks the branch again, chained by previous_response_id, and runs", async () => {
    const answer = await exportAs("typescript");
    expect(answer.status).toBe(200);
    const script = answer.text;
    expect(script).toContain(`baseURL: "${engine.url}/api/offline/v1"`);
    expect(script).toContain("previous_response_id: turn1.id");
    expect(script).toContain("previous_response_id: turn2.id");
    expect(script).toContain("call_id: callsOf(turn1)[0]");
    expect(script).not.toContain("store:");

    const dir = path.join(process.cwd(), "node_modules", ".cache", "arbor-branch-export");
    mkdirSync(dir, { recursive: true });
    const file = path.join(mkdtempSync(path.join(dir, "run-")), "branch.mts");
    writeFileSync(file, script);
    const { stdout } = await run(path.join(process.cwd(), "node_modules", ".bin", "tsx"), [file], { timeout: 60_000 });
    const turns = stdout.match(/^--- turn (\d) (resp_\w+)$/gm) ?? [];
    expect(turns.map((line) => line.split(" ")[2])).toEqual(["1", "2", "3"]);
    // The new run's answers are new responses (not the stored ones), and the tool output reached the model.
    const ids = turns.map((line) => line.split(" ")[3]);
    expect(ids).not.toContain(branch[0]!.responseId);
    expect(stdout).toContain("13");
  });

  it("writes a Python script of the same turns that compiles", async () => {
    const answer = await exportAs("python");
    expect(answer.status).toBe(200);
    const script = answer.text;
    expect(script).toContain(`client = OpenAI(base_url="${engine.url}/api/offline/v1", api_key="offline")`);
    expect(script).toContain("previous_response_id=turn2.id,");
    expect(script).toContain('"call_id": calls_of(turn1)[0]');
    expect(script.match(/client\.responses\.create\(/g)?.length).toBe(3);
    const file = path.join(mkdtempSync(path.join(process.cwd(), "node_modules", ".cache", "arbor-branch-export", "py-")), "branch.py");
    writeFileSync(file, script);
    await run("python3", ["-m", "py_compile", file]);
  });

  it("refuses a script of a whole tree, an unknown format and a node of another tree", async () => {
    expect((await exportAs("python", null)).status).toBe(400);
    expect((await exportAs("docx")).status).toBe(400);
    expect((await exportAs("markdown", "missing")).status).toBe(404);
  });
});
