import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createOpenAI } from "@ai-sdk/openai";
import { Agent, OpenAIProvider, Runner, setTracingDisabled, tool as agentTool } from "@openai/agents";
import { stepCountIs, streamText, tool as aiTool } from "ai";
import OpenAI from "openai";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { NodeSummary } from "@/lib/contracts/nodes";
import { arborOverHttpForThisFile } from "./support/arbor-http";

// Real clients, each unmodified and pointed at Arbor's recording proxy over real HTTP, the offline engine upstream:
// the OpenAI Agents SDK, the Vercel AI SDK and the Codex CLI. For each, the recorded tree has the nodes and parents
// the client's calls imply, and every event the client received is the one stored.

const arbor = arborOverHttpForThisFile();
setTracingDisabled(true);

/** The nodes of the tree with this title, once `count` are saved, oldest first. */
async function nodesOfTree(title: string, count: number): Promise<NodeSummary[]> {
  return arbor.settled((await arbor.treeTitled(title)).id, count);
}

/** The text of a Response's output messages. */
function textOf(output: unknown): string {
  return (Array.isArray(output) ? output : [])
    .flatMap((item: { type?: string; content?: { type: string; text?: string }[] }) => (item.type === "message" ? (item.content ?? []) : []))
    .map((part) => (part.type === "output_text" ? (part.text ?? "") : ""))
    .join("");
}

/** The stored events of each node, as the JSON of each event. */
async function storedEvents(nodes: readonly NodeSummary[]): Promise<unknown[][]> {
  return Promise.all(nodes.map(async (n) => (await arbor.events(n.id)).map((e) => e.data)));
}

describe("the recording proxy with real clients", () => {
  it("records an Agents SDK streamed run with a function tool: the call, then its output's answer", async () => {
    const weather = agentTool({
      name: "get_weather",
      description: "Get the current weather for a city",
      parameters: z.object({ city: z.string() }),
      execute: async ({ city }) => `It is sunny and 21 degrees in ${city}.`,
    });
    const agent = new Agent({ name: "Weather agent", instructions: "Answer with the weather.", tools: [weather], model: "offline-assistant" });
    const openAIClient = new OpenAI({ baseURL: arbor.baseURL, apiKey: "any", maxRetries: 0, defaultHeaders: { "X-Arbor-Tree": "Agents run" } });
    const runner = new Runner({ modelProvider: new OpenAIProvider({ openAIClient, useResponses: true }), tracingDisabled: true });
    const result = await runner.run(agent, "What is the weather in Paris?", { stream: true });
    const received: unknown[][] = [];
    for await (const event of result) {
      if (event.type !== "raw_model_stream_event" || event.data.type !== "model") continue;
      const raw = (event.data as { event: { type: string } }).event;
      if (raw.type === "response.created") received.push([]);
      received.at(-1)!.push(raw);
    }
    await result.completed;
    expect(String(result.finalOutput)).toContain("sunny");

    const nodes = await nodesOfTree("Agents run", 2);
    expect(nodes).toHaveLength(2);
    const [call, answer] = nodes as [NodeSummary, NodeSummary];
    expect(call).toMatchObject({ parentId: null, status: "completed", clientName: "Agents SDK", source: "proxy", itemTypes: ["function_call"] });
    // The SDK sends the whole history again: the second call continues the first, adding the tool's output.
    expect(answer).toMatchObject({ parentId: call.id, status: "completed", contextMode: "replay", answeredCallIds: [expect.any(String)] as unknown });
    expect(await storedEvents(nodes)).toEqual(received);
  });

  it("records an AI SDK tool loop: each step a node under the step before", async () => {
    const received: unknown[][] = [];
    const openai = createOpenAI({ baseURL: arbor.baseURL, apiKey: "any", headers: { "X-Arbor-Tree": "AI SDK loop" } });
    const result = streamText({
      model: openai.responses("offline-assistant"),
      prompt: "What is the weather in Lisbon?",
      tools: {
        get_weather: aiTool({
          description: "Get the current weather for a city",
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => ({ city, forecast: "light rain, 17 degrees" }),
        }),
      },
      stopWhen: stepCountIs(3),
      includeRawChunks: true,
      providerOptions: { openai: { store: false } },
    });
    for await (const part of result.fullStream) {
      if (part.type !== "raw") continue;
      const raw = part.rawValue as { type: string };
      if (raw.type === "response.created") received.push([]);
      received.at(-1)!.push(raw);
    }
    expect(await result.text).toContain("rain");

    const nodes = await nodesOfTree("AI SDK loop", 2);
    expect(nodes).toHaveLength(2);
    const [call, answer] = nodes as [NodeSummary, NodeSummary];
    expect(call).toMatchObject({ parentId: null, clientName: "AI SDK", itemTypes: ["function_call"], store: false });
    expect(answer).toMatchObject({ parentId: call.id, status: "completed", contextMode: "replay" });
    expect(await storedEvents(nodes)).toEqual(received);
  });

  describe("the Codex CLI", () => {
    const home = mkdtempSync(path.join(tmpdir(), "arbor-codex-"));
    afterAll(() => rmSync(home, { recursive: true, force: true }));

    const codex = async (args: string[]) => {
      writeFileSync(
        path.join(home, "config.toml"),
        [
          `model = "offline-assistant"`,
          `model_provider = "arbor"`,
          `[model_providers.arbor]`,
          `name = "Arbor"`,
          `base_url = "${arbor.baseURL}"`,
          `wire_api = "responses"`,
          `env_key = "ARBOR_CODEX_TEST_KEY"`,
          `request_max_retries = 0`,
          `stream_max_retries = 0`,
        ].join("\n"),
      );
      const bin = path.join(process.cwd(), "node_modules", ".bin", "codex");
      // stdin is closed: `codex exec` reads more of the prompt from a piped stdin.
      const child = spawn(bin, ["exec", "--skip-git-repo-check", "--json", "-s", "read-only", ...args], {
        cwd: home,
        env: { ...process.env, CODEX_HOME: home, ARBOR_CODEX_TEST_KEY: "any", RUST_LOG: "error" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      if (code !== 0) throw new Error(`codex exited with ${code}: ${stderr}`);
      return stdout
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { type: string; [k: string]: unknown });
    };

    it("records a Codex session in a tree of its own, a resumed session under the turn it continues", { timeout: 120_000 }, async () => {
      const first = await codex(["Tell me a joke"]);
      expect(first.some((e) => e.type === "turn.completed")).toBe(true);
      const threadId = String(first.find((e) => e.type === "thread.started")?.thread_id);
      const second = await codex(["resume", threadId, "Tell me another joke"]);
      expect(second.some((e) => e.type === "turn.completed")).toBe(true);

      const tree = (await arbor.trees()).find((t) => t.clientName === "Codex");
      expect(tree?.title).toMatch(/^Codex session /);
      const nodes = await arbor.settled(tree!.id, 2);
      expect(nodes).toHaveLength(2);
      const [one, two] = nodes as [NodeSummary, NodeSummary];
      expect(one).toMatchObject({ parentId: null, status: "completed", source: "proxy", clientName: "Codex" });
      expect(two).toMatchObject({ parentId: one.id, status: "completed", contextMode: "replay", inputPreview: expect.stringContaining("Tell me another joke") as unknown });
      // What Codex said is the answer recorded, and its stored events spell that answer.
      const said = (events: typeof first) => events.filter((e) => e.type === "item.completed").map((e) => (e.item as { text?: string }).text);
      for (const [events, node] of [[first, one], [second, two]] as const) {
        const answer = (await arbor.node(node.id)).response?.output_text ?? textOf((await arbor.node(node.id)).response?.output);
        expect(said(events)).toContain(answer);
        const deltas = (await arbor.events(node.id)).filter((e) => e.type === "response.output_text.delta").map((e) => String(e.data.delta));
        expect(deltas.join("")).toBe(answer);
      }
    });
  });
});
