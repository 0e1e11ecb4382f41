import { describe, expect, it } from "vitest";
import { settingsSummary } from "@/lib/client/composer/badges";
import { buildRequestFragment } from "@/lib/client/composer/fragment";
import { defaultSettings, type ComposerSettings } from "@/lib/client/composer/settings";
import { fromTreeSettings, toTreeSettings } from "@/lib/client/composer/tree-settings";
import { uploadProblem } from "@/lib/client/composer/uploads";
import { parseObjectSchema, validateSettings } from "@/lib/client/composer/validate";
import { fragmentOfRequest } from "@/lib/contracts/nodes";
import { functionCallsOf, functionOutputsInput, inputImages as inputImageUrls, userMessageInput } from "@/lib/responses/input";

const weather = {
  id: "f1",
  name: "get_weather",
  description: "Weather for a city",
  parameters: '{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}',
};

function settings(patch: Partial<ComposerSettings> = {}): ComposerSettings {
  return { ...defaultSettings(), ...patch };
}

describe("parseObjectSchema", () => {
  it("accepts an object schema", () => {
    expect(parseObjectSchema(weather.parameters)).toEqual({
      schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    });
  });

  it.each([
    ["", "Enter a JSON schema"],
    ["{", "Not valid JSON"],
    ["[]", "must be a JSON object"],
    ['{"type":"string"}', '"type": "object"'],
    ['{"type":"object","properties":[]}', '"properties" must be an object'],
    ['{"type":"object","properties":{"a":1}}', 'Property "a"'],
    ['{"type":"object","properties":{},"required":"a"}', '"required" must be a list'],
    ['{"type":"object","properties":{},"required":["city"]}', '"city", which is not in "properties"'],
  ])("refuses %s", (text, message) => {
    const result = parseObjectSchema(text);
    expect("error" in result && result.error).toContain(message);
  });
});

describe("buildRequestFragment", () => {
  it("sends nothing for default settings", () => {
    expect(buildRequestFragment(defaultSettings(), ["web_search"])).toEqual({ ok: true, fragment: {} });
  });

  it("builds tools, params and instructions from the settings, leaving empty fields out", () => {
    const result = buildRequestFragment(
      settings({
        webSearch: true,
        codeInterpreter: true,
        functions: [weather],
        instructions: "Be brief.",
        temperature: "0.7",
        maxOutputTokens: "500",
        reasoningEffort: "low",
        store: false,
        structuredOutput: { enabled: true, name: "answer", schema: '{"type":"object","properties":{}}' },
      }),
      ["web_search", "code_interpreter"],
    );
    expect(result).toEqual({
      ok: true,
      fragment: {
        tools: [
          { type: "web_search" },
          { type: "code_interpreter", container: { type: "auto" } },
          {
            type: "function",
            name: "get_weather",
            description: "Weather for a city",
            parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
          },
        ],
        params: {
          temperature: 0.7,
          max_output_tokens: 500,
          reasoning: { effort: "low", summary: "auto" },
          store: false,
          text: { format: { type: "json_schema", name: "answer", schema: { type: "object", properties: {} }, strict: true } },
          include: ["code_interpreter_call.outputs"],
        },
        instructions: "Be brief.",
      },
    });
  });

  it("leaves out hosted tools the provider does not run, but always sends functions", () => {
    const result = buildRequestFragment(settings({ webSearch: true, functions: [weather] }), []);
    expect(result.ok && result.fragment.tools?.map((t) => t.type)).toEqual(["function"]);
  });

  it("sends an MCP server with its approval policy", () => {
    const mcp = { enabled: true, serverLabel: "docs", serverUrl: "https://mcp.example.com/sse", requireApproval: "never" as const };
    const result = buildRequestFragment(settings({ mcp }), ["mcp"]);
    expect(result.ok && result.fragment.tools).toEqual([
      { type: "mcp", server_label: "docs", server_url: "https://mcp.example.com/sse", require_approval: "never" },
    ]);
  });

  it("sends a compaction threshold as context_management, refuses one under 1000 and reads it back from a tree", () => {
    const result = buildRequestFragment(settings({ compactThreshold: "4000" }), []);
    expect(result.ok && result.fragment.params).toEqual({ context_management: [{ type: "compaction", compact_threshold: 4000 }] });
    const low = buildRequestFragment(settings({ compactThreshold: "200" }), []);
    expect(!low.ok && low.errors.compactThreshold).toBe("Compact above must be at least 1000");
    expect(fromTreeSettings({ params: { context_management: [{ type: "compaction", compact_threshold: 4000 }] } }, null).compactThreshold).toBe("4000");
  });

  it("sends reasoning effort none without a summary", () => {
    const result = buildRequestFragment(settings({ reasoningEffort: "none" }), []);
    expect(result.ok && result.fragment.params).toEqual({ reasoning: { effort: "none" } });
  });

  it("blocks sending on an invalid function, number, MCP server or output schema, naming each field", () => {
    const result = buildRequestFragment(
      settings({
        functions: [{ ...weather, parameters: '{"type": "object",' }, { ...weather, id: "f2" }, { ...weather, id: "f3", name: "bad name" }],
        temperature: "3",
        topP: "abc",
        maxOutputTokens: "1.5",
        mcp: { enabled: true, serverLabel: "", serverUrl: "ftp://x", requireApproval: "always" },
        structuredOutput: { enabled: true, name: "answer", schema: '{"type":"array"}' },
      }),
      ["mcp"],
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual([
      "function.f1.parameters",
      "function.f2.name",
      "function.f3.name",
      "maxOutputTokens",
      "mcp.serverLabel",
      "mcp.serverUrl",
      "temperature",
      "text.schema",
      "topP",
    ]);
    expect(result.errors["function.f1.parameters"]).toMatch(/^Not valid JSON/);
    expect(result.errors["function.f2.name"]).toBe("Another function has this name");
    expect(result.errors.temperature).toBe("Temperature must be between 0 and 2");
    expect(result.errors.maxOutputTokens).toBe("Max output tokens must be a whole number");
  });

  it("sends file search over the chosen stores, and asks for the retrieved chunks with include", () => {
    const result = buildRequestFragment(settings({ fileSearch: { enabled: true, vectorStoreIds: ["vs_1", "vs_2"] }, temperature: "0.2" }), ["file_search"]);
    expect(result).toEqual({
      ok: true,
      fragment: { tools: [{ type: "file_search", vector_store_ids: ["vs_1", "vs_2"] }], params: { temperature: 0.2, include: ["file_search_call.results"] } },
    });
  });

  it("blocks file search without a store, unless the provider cannot run it (then it is not sent)", () => {
    const fileSearch = { enabled: true, vectorStoreIds: [] };
    expect(validateSettings(settings({ fileSearch }), ["file_search"])).toEqual({
      "fileSearch.vectorStoreIds": "Choose a vector store for file search, or create one",
    });
    expect(buildRequestFragment(settings({ fileSearch: { enabled: true, vectorStoreIds: ["vs_1"] } }), [])).toEqual({ ok: true, fragment: {} });
  });

  it("does not check an MCP server the provider cannot run (it is not sent)", () => {
    const mcp = { enabled: true, serverLabel: "", serverUrl: "", requireApproval: "always" as const };
    expect(validateSettings(settings({ mcp }), [])).toEqual({});
  });
});

describe("tree settings", () => {
  it("round-trips through what the tree remembers", () => {
    const original = settings({
      webSearch: true,
      functions: [weather],
      instructions: "Be brief.",
      temperature: "0.7",
      topP: "0.9",
      maxOutputTokens: "300",
      reasoningEffort: "high",
      store: false,
      mcp: { enabled: true, serverLabel: "docs", serverUrl: "https://mcp.example.com", requireApproval: "never" },
      structuredOutput: { enabled: true, name: "answer", schema: '{"type":"object"}' },
    });
    const saved = toTreeSettings(original);
    expect(saved.instructions).toBe("Be brief.");
    const restored = fromTreeSettings(JSON.parse(JSON.stringify(saved.settings)) as typeof saved.settings, saved.instructions);
    expect(buildRequestFragment(restored, ["web_search", "mcp"])).toEqual(buildRequestFragment(original, ["web_search", "mcp"]));
    expect(restored.functions[0]?.name).toBe("get_weather");
    expect(JSON.parse(restored.functions[0]?.parameters ?? "")).toEqual(JSON.parse(weather.parameters));
  });

  it("remembers file search and its stores, but not the include it implies", () => {
    const saved = toTreeSettings(settings({ fileSearch: { enabled: true, vectorStoreIds: ["vs_1"] } })).settings;
    expect(saved).toEqual({ tools: [{ type: "file_search", vector_store_ids: ["vs_1"] }], params: {} });
    expect(fromTreeSettings(saved, null).fileSearch).toEqual({ enabled: true, vectorStoreIds: ["vs_1"] });
    expect(fromTreeSettings({ tools: [{ type: "file_search", vector_store_ids: "vs_1" }] }, null).fileSearch).toEqual({ enabled: true, vectorStoreIds: [] });
  });

  it("remembers hosted tools even when the current provider cannot run them", () => {
    expect(toTreeSettings(settings({ codeInterpreter: true })).settings.tools).toEqual([
      { type: "code_interpreter", container: { type: "auto" } },
    ]);
  });

  it("starts from defaults when the tree saved nothing, and ignores unknown tools", () => {
    expect(fromTreeSettings({}, null)).toEqual(defaultSettings());
    expect(fromTreeSettings({ tools: [{ type: "image_generation" }, "junk"] }, null)).toEqual(defaultSettings());
  });
});

describe("settingsSummary", () => {
  it("names what is on", () => {
    const on = settings({ webSearch: true, functions: [weather, { ...weather, id: "f2", name: "other" }], temperature: "0.7", store: false });
    expect(settingsSummary(on, ["web_search"])).toEqual(["web search", "2 functions", "T 0.7", "store off"]);
    expect(settingsSummary(on, [])).toEqual(["2 functions", "T 0.7", "store off"]);
    expect(settingsSummary(settings({ fileSearch: { enabled: true, vectorStoreIds: ["vs_1"] } }), ["file_search"])).toEqual(["file search"]);
  });
});

describe("uploadProblem", () => {
  const max = 10 * 1024 * 1024;
  it.each([
    [{ name: "guide.md", size: 40 }, null],
    [{ name: "Report.PDF", size: 40 }, null],
    [{ name: "tool.exe", size: 40 }, ".exe files are not supported; use .txt .md .markdown .json .csv .html .htm .pdf"],
    [{ name: "README", size: 40 }, "Files without an extension are not supported; use .txt .md .markdown .json .csv .html .htm .pdf"],
    [{ name: "empty.txt", size: 0 }, "The file is empty"],
    [{ name: "big.txt", size: max + 1024 * 1024 }, "11 MB is over the 10 MB limit"],
  ])("checks %o before uploading", (file, problem) => {
    expect(uploadProblem(file, max)).toBe(problem);
  });
});

describe("function calls", () => {
  const response = {
    output: [
      { type: "reasoning", id: "rs_1", summary: [] },
      { type: "function_call", id: "fc_1", call_id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' },
      { type: "function_call", id: "fc_2", call_id: "call_2", name: "get_time", arguments: "{}" },
    ],
  };

  it("lists the calls of a response", () => {
    expect(functionCallsOf(response)).toEqual([
      { callId: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' },
      { callId: "call_2", name: "get_time", arguments: "{}" },
    ]);
    expect(functionCallsOf(null)).toEqual([]);
  });

  it("answers each call with a function_call_output", () => {
    expect(functionOutputsInput(functionCallsOf(response), { call_1: "Sunny", call_2: "12:00" })).toEqual([
      { type: "function_call_output", call_id: "call_1", output: "Sunny" },
      { type: "function_call_output", call_id: "call_2", output: "12:00" },
    ]);
  });
});

describe("userMessageInput", () => {
  it("keeps a text-only turn as a string", () => {
    expect(userMessageInput("Hello", [])).toBe("Hello");
  });

  it("puts the text and the images in one user message", () => {
    expect(userMessageInput("What is this?", ["https://example.com/a.png", "data:image/png;base64,AAAA"])).toEqual([
      {
        type: "message",
        role: "user",
        content: [
          { type: "input_text", text: "What is this?" },
          { type: "input_image", image_url: "https://example.com/a.png", detail: "auto" },
          { type: "input_image", image_url: "data:image/png;base64,AAAA", detail: "auto" },
        ],
      },
    ]);
  });

  it("sends images alone when there is no text", () => {
    expect(userMessageInput("  ", ["https://example.com/a.png"])).toEqual([
      { type: "message", role: "user", content: [{ type: "input_image", image_url: "https://example.com/a.png", detail: "auto" }] },
    ]);
  });
});

describe("inputImageUrls", () => {
  it("finds the images of the user messages", () => {
    const input = userMessageInput("Look", ["https://example.com/a.png"]) as unknown[];
    expect(inputImageUrls(input)).toEqual(["https://example.com/a.png"]);
    expect(inputImageUrls([{ type: "function_call_output", call_id: "c", output: "x" }])).toEqual([]);
  });
});

describe("fragmentOfRequest", () => {
  it("takes the tools, params and instructions a node was sent with, and nothing the server sets itself", () => {
    const request = {
      model: "offline-assistant",
      input: [],
      previous_response_id: "resp_1",
      instructions: "Be brief.",
      tools: [{ type: "web_search" }],
      temperature: 0.2,
      reasoning: { effort: "low", summary: "auto" },
      top_p: null,
      store: true,
      stream: true,
    };
    expect(fragmentOfRequest(request)).toEqual({
      tools: [{ type: "web_search" }],
      params: { temperature: 0.2, reasoning: { effort: "low", summary: "auto" } },
      instructions: "Be brief.",
    });
    expect(fragmentOfRequest({ store: false })).toEqual({ params: { store: false } });
    expect(fragmentOfRequest(null)).toEqual({});
  });
});
