import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { agentTree } from "@/lib/responses/agents";
import { approvalAnswersByRequestId, approvalResponseInput } from "@/lib/responses/approvals";
import { customToolGrammar } from "@/lib/responses/custom-tools";
import { isKnownItemType, itemDefinition, toolCallItems, toolCallTypes } from "@/lib/responses/items";

type Fixture = { output: { type: string; [key: string]: unknown }[]; tools?: unknown[] };
const fixtures = JSON.parse(readFileSync(path.join(__dirname, "../fixtures/late-2026-items.json"), "utf8")) as Record<string, Fixture>;

const NEW_TYPES = [
  "compaction", "multi_agent_call", "multi_agent_call_output", "agent_message", "tool_search_call", "tool_search_output",
  "program", "program_output", "shell_call", "shell_call_output", "apply_patch_call", "apply_patch_call_output", "custom_tool_call", "mcp_approval_request",
];

describe("item types of late 2026", () => {
  const items = Object.values(fixtures).flatMap((f) => f.output ?? []);

  it("each has a fixture, a definition, a card in the Tools tab and a graph badge", () => {
    const types = new Set(items.map((i) => i.type));
    for (const type of NEW_TYPES) {
      expect(types.has(type), `${type} has a fixture`).toBe(true);
      expect(isKnownItemType(type), `${type} is in the registry`).toBe(true);
      expect(itemDefinition(type).summarize(items.find((i) => i.type === type)!), `${type} summary`).not.toBe("");
    }
    const carded = new Set(toolCallItems(items).map((c) => c.type));
    for (const type of NEW_TYPES) expect(carded.has(type), `${type} gets a card`).toBe(true);
    const badged = new Set(toolCallTypes([...types]).map((t) => itemDefinition(t).badge));
    for (const type of NEW_TYPES) expect(badged.has(itemDefinition(type).badge), `${type} is badged`).toBe(true);
    expect(toolCallTypes(["multi_agent_call", "agent_message", "multi_agent_call_output"])).toEqual(["multi_agent_call"]);
  });

  it("summarize what a reader needs at a glance", () => {
    const find = (type: string) => items.find((i) => i.type === type)!;
    expect(itemDefinition("shell_call").summarize(find("shell_call"))).toBe("ls -la && cat README.md | head -3");
    expect(itemDefinition("apply_patch_call").summarize(find("apply_patch_call"))).toBe("update file README.md");
    expect(itemDefinition("multi_agent_call").summarize(find("multi_agent_call"))).toMatch(/^main → researcher: /);
    expect(itemDefinition("program").summarize(find("program"))).toBe("rooms = list_rooms(floor=3)");
    expect(itemDefinition("mcp_approval_response").summarize({ type: "mcp_approval_response", approve: false, reason: "freeze" })).toBe("Denied: freeze");
  });

  it("draw multi-agent items as a sub-tree: who spawned whom, what each said and handed back", () => {
    const root = agentTree(fixtures.multi_agent!.output);
    expect(root).toEqual({
      name: "main",
      task: null,
      messages: [],
      result: null,
      children: [
        {
          name: "researcher",
          task: '{"task":"Find the launch window"}',
          messages: ["The window opens at 06:10 UTC."],
          result: "Window 06:10 UTC, weather go.",
          children: [{ name: "weather", task: '{"task":"Check winds at the pad"}', messages: ["Winds 12 knots, within limits."], result: "Go for weather.", children: [] }],
        },
      ],
    });
    expect(agentTree(fixtures.tools!.output)).toBeNull();
  });
});

describe("answering an MCP approval request, and a custom tool's grammar", () => {
  it("answers a request as its own turn and reads back each branch's answer", () => {
    const approve = approvalResponseInput("mcpr_01", true);
    const deny = approvalResponseInput("mcpr_01", false, "Not during the freeze");
    expect(approve).toEqual({ type: "mcp_approval_response", approval_request_id: "mcpr_01", approve: true });
    const answers = approvalAnswersByRequestId([
      { id: "a", input: [approve] },
      { id: "b", input: [deny] },
      { id: "c", input: [{ type: "message", role: "user", content: "unrelated" }] },
    ]);
    expect(answers.get("mcpr_01")).toEqual([
      { nodeId: "a", approve: true, reason: null },
      { nodeId: "b", approve: false, reason: "Not during the freeze" },
    ]);
    expect(answers.size).toBe(1);
  });

  it("finds a custom tool's grammar among the tools offered, and none for a tool without one", () => {
    const tools = fixtures.tools!.tools ?? [];
    expect(customToolGrammar(tools, "sql_query")).toEqual({ syntax: "lark", definition: expect.stringContaining('start: "SELECT "') });
    expect(customToolGrammar([{ type: "custom", name: "free", format: { type: "text" } }], "free")).toBeNull();
    expect(customToolGrammar(tools, "missing")).toBeNull();
  });
});
