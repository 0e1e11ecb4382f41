import { describe, expect, it } from "vitest";
import {
  ITEM_DEFINITIONS,
  KNOWN_ITEM_TYPES,
  itemDefinition,
  itemTimings,
  reasoningSummary,
  toolCallItems,
  toolCallTypes,
  toolOutputsByCallId,
} from "@/lib/responses/items";

describe("item definitions", () => {
  it("define every known item type, with a label, a badge and an icon", () => {
    for (const type of KNOWN_ITEM_TYPES) {
      const definition = itemDefinition(type);
      expect(definition).toBe(ITEM_DEFINITIONS[type]);
      expect(definition.label).not.toBe("");
      expect(definition.badge).not.toBe("");
      expect(definition.icon).not.toBe("unknown");
    }
  });

  it("give an unknown type a generic definition named after it, counted as a tool call so it still shows", () => {
    const definition = itemDefinition("hologram_call");
    expect(definition.label).toBe("hologram_call");
    expect(definition.badge).toBe("hologram");
    expect(definition.icon).toBe("unknown");
    expect(definition.toolCall).toBe(true);
    expect(definition.summarize({ type: "hologram_call", weird: [1, 2] })).toBe("");
    expect(itemDefinition("").label).toBe("Unknown item");
  });

  it("summarise each tool call in one line, tolerating missing fields", () => {
    expect(ITEM_DEFINITIONS.web_search_call.summarize({ action: { type: "search", query: "tallest tree" } })).toBe("tallest tree");
    expect(ITEM_DEFINITIONS.file_search_call.summarize({ queries: ["a", "b"] })).toBe("a · b");
    expect(ITEM_DEFINITIONS.function_call.summarize({ name: "get_weather", arguments: '{"city":"Oslo"}' })).toBe('get_weather({"city":"Oslo"})');
    expect(ITEM_DEFINITIONS.code_interpreter_call.summarize({ code: "1 + 1\nprint(2)" })).toBe("1 + 1");
    expect(ITEM_DEFINITIONS.mcp_list_tools.summarize({ server_label: "deepwiki", tools: [{}, {}] })).toBe("deepwiki: 2 tools");
    expect(ITEM_DEFINITIONS.local_shell_call.summarize({ action: { command: ["ls", "-la"] } })).toBe("ls -la");
    for (const type of KNOWN_ITEM_TYPES) expect(() => ITEM_DEFINITIONS[type].summarize({})).not.toThrow();
  });

  it("tell tool calls from messages and reasoning", () => {
    expect(ITEM_DEFINITIONS.message.toolCall).toBe(false);
    expect(ITEM_DEFINITIONS.reasoning.toolCall).toBe(false);
    expect(ITEM_DEFINITIONS.web_search_call.toolCall).toBe(true);
    expect(toolCallTypes(["reasoning", "web_search_call", "message", "web_search_call", "mcp_call"])).toEqual(["web_search_call", "mcp_call"]);
  });
});

describe("toolCallItems", () => {
  it("keeps the tool calls of an output in order, with their output index", () => {
    const output = [
      { type: "reasoning", summary: [] },
      { id: "ws_1", type: "web_search_call", status: "completed" },
      { type: "message", content: [] },
      { id: "x_1", type: "future_tool_call" },
      null,
    ];
    expect(toolCallItems(output).map(({ index, type }) => [index, type])).toEqual([
      [1, "web_search_call"],
      [3, "future_tool_call"],
      [4, "unknown"],
    ]);
  });
});

describe("itemTimings", () => {
  it("gives each output item the time of its first and last event, matched by output_index or item_id", () => {
    const output = [{ id: "ws_1", type: "web_search_call" }, { id: "msg_1", type: "message" }];
    const events = [
      { atMs: 5, data: { type: "response.created" } },
      { atMs: 10, data: { type: "response.output_item.added", output_index: 0 } },
      { atMs: 40, data: { type: "response.web_search_call.searching", item_id: "ws_1" } },
      { atMs: 90, data: { type: "response.output_item.done", output_index: 0 } },
      { atMs: 100, data: { type: "response.output_text.delta", output_index: 1, item_id: "msg_1" } },
    ];
    const timings = itemTimings(events, output);
    expect(timings.get(0)).toEqual({ firstMs: 10, lastMs: 90, events: 3 });
    expect(timings.get(1)).toEqual({ firstMs: 100, lastMs: 100, events: 1 });
    expect(timings.size).toBe(2);
  });
});

describe("reasoningSummary", () => {
  it("reads the summary texts of a reasoning item", () => {
    expect(reasoningSummary({ summary: [{ type: "summary_text", text: "First" }, { text: "" }, { text: "Then" }] })).toEqual(["First", "Then"]);
    expect(reasoningSummary({})).toEqual([]);
  });
});

describe("toolOutputsByCallId", () => {
  it("finds the output each call got in a later turn, first answer wins", () => {
    const outputs = toolOutputsByCallId([
      { id: "n2", input: [{ type: "function_call_output", call_id: "call_1", output: '{"temp":12}' }, { type: "message", role: "user", content: "hi" }] },
      { id: "n3", input: [{ type: "function_call_output", call_id: "call_1", output: "later" }, { type: "custom_tool_call_output", call_id: "call_2", output: "ok" }] },
    ]);
    expect(outputs.get("call_1")).toEqual({ output: '{"temp":12}', nodeId: "n2" });
    expect(outputs.get("call_2")).toEqual({ output: "ok", nodeId: "n3" });
    expect(outputs.size).toBe(2);
  });
});
