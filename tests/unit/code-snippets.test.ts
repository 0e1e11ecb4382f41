import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  apiKeyEnvFor,
  codeSnippet,
  curlSnippet,
  pythonLiteral,
  pythonSnippet,
  shellQuote,
  typescriptLiteral,
  typescriptSnippet,
} from "@/lib/responses/code-snippets";

const openai = { baseURL: "https://api.openai.com/v1", apiKeyEnv: "OPENAI_API_KEY" };
const offline = { baseURL: "http://127.0.0.1:3000/api/offline/v1", apiKeyEnv: null };

const tricky = {
  model: "gpt-4.1",
  input: [{ role: "user", content: [{ type: "input_text", text: "It's \"quoted\" — naïve 🌳\nline two\\ $HOME `cmd` \u0001" }] }],
  previous_response_id: "resp_123",
  store: true,
  temperature: 0.25,
  metadata: null,
  tools: [],
  stream: true,
};

/** Run `command` in bash and answer what it printed: proves the quoting, not just its look. */
const bash = (command: string) => execFileSync("bash", ["-c", command], { encoding: "utf8" });

describe("curl", () => {
  it("embeds the exact request body in -d, single quotes and all, so the shell hands curl the same JSON", () => {
    const snippet = curlSnippet(tricky, openai);
    const data = /-d ('[\s\S]*')$/.exec(snippet)?.[1];
    expect(data).toBeDefined();
    expect(JSON.parse(bash(`printf '%s' ${data}`))).toEqual(tricky);
  });

  it("posts to <base URL>/responses with the key from the environment, never a literal key", () => {
    const snippet = curlSnippet({ model: "m", input: "hi" }, { ...openai, baseURL: "https://api.openai.com/v1/" });
    expect(snippet.split(" \\\n")[0]).toBe("curl 'https://api.openai.com/v1/responses'");
    expect(snippet).toContain('-H "Authorization: Bearer $OPENAI_API_KEY"');
    expect(snippet).not.toContain("-N");
  });

  it("streams without buffering (-N) when the request streams, and sends no key header offline", () => {
    const snippet = curlSnippet({ model: "offline-echo", input: "hi", stream: true }, offline);
    expect(snippet.startsWith("curl -N 'http://127.0.0.1:3000/api/offline/v1/responses'")).toBe(true);
    expect(snippet).not.toContain("Authorization");
  });

  it("quotes any text as one shell word", () => {
    for (const text of ["", "'", "a'b''c", "$(rm -rf /) `x` \\ \"", "naïve 🌳\n"]) expect(bash(`printf '%s' ${shellQuote(text)}`)).toBe(text);
  });
});

describe("Python", () => {
  it("converts JSON literals, nested values, unicode and quotes to Python literals", () => {
    expect(pythonLiteral({ a: true, b: false, c: null, d: [1, 2.5, -3e-7] })).toBe('{"a": True, "b": False, "c": None, "d": [1, 2.5, -3e-7]}');
    // Past the line width, one entry a line, nested values indented.
    expect(pythonLiteral({ text: "x".repeat(60), nested: { f: [true] } })).toBe(`{\n    "text": "${"x".repeat(60)}",\n    "nested": {"f": [True]},\n}`);
    expect(pythonLiteral("It's \"q\" \\ naïve 🌳\n\t\u0001")).toBe(String.raw`"It's \"q\" \\ naïve 🌳\n\t\x01"`);
    expect(pythonLiteral("\ud800 lone")).toBe(String.raw`"\ud800 lone"`);
  });

  it("evaluates in Python to the same value as the JSON", () => {
    const literal = pythonLiteral(tricky);
    const script = "import ast, json, sys; print(json.dumps(ast.literal_eval(sys.stdin.read())))";
    const back = execFileSync("python3", ["-c", script], { input: literal, encoding: "utf8" });
    expect(JSON.parse(back)).toEqual(tricky);
  });

  it("passes the body as keyword arguments, unknown fields through extra_body, and iterates a stream", () => {
    const snippet = pythonSnippet({ ...tricky, "x-custom": 1 }, openai);
    expect(snippet).toContain('client = OpenAI(base_url="https://api.openai.com/v1", api_key=os.environ["OPENAI_API_KEY"])');
    expect(snippet).toContain("stream = client.responses.create(\n");
    expect(snippet).toContain('    model="gpt-4.1",\n');
    expect(snippet).toContain('    previous_response_id="resp_123",\n');
    expect(snippet).toContain("    store=True,\n    temperature=0.25,\n    metadata=None,\n    tools=[],\n    stream=True,\n");
    expect(snippet).toContain('    extra_body={"x-custom": 1},\n');
    expect(snippet).toContain("for event in stream:\n    print(event)");
  });

  it("uses a placeholder key offline and prints the text when not streaming", () => {
    const snippet = pythonSnippet({ model: "offline-echo", input: "hi" }, offline);
    expect(snippet).toContain('api_key="offline"');
    expect(snippet).not.toContain("import os");
    expect(snippet).toContain("print(response.output_text)");
  });
});

describe("TypeScript", () => {
  it("writes an object literal that evaluates to the request", () => {
    const literal = typescriptLiteral({ ...tricky, "odd-key": 1, __proto__x: 2 });
    expect(literal).toContain('  model: "gpt-4.1",');
    expect(literal).toContain('"odd-key": 1');
    expect(new Function(`return (${literal});`)()).toEqual({ ...tricky, "odd-key": 1, __proto__x: 2 });
  });

  it("creates the client from the environment and iterates a stream", () => {
    const snippet = typescriptSnippet(tricky, { baseURL: "https://example.test/v1", apiKeyEnv: "API_KEY" });
    expect(snippet).toContain('new OpenAI({ baseURL: "https://example.test/v1", apiKey: process.env.API_KEY })');
    expect(snippet).toContain("const stream = await client.responses.create({");
    expect(snippet).toContain("for await (const event of stream) {\n  console.log(event);\n}");
  });
});

describe("snippet choice", () => {
  it("names the key variable per provider", () => {
    expect(apiKeyEnvFor("openai")).toBe("OPENAI_API_KEY");
    expect(apiKeyEnvFor("azure")).toBe("API_KEY");
    expect(apiKeyEnvFor("offline")).toBeNull();
  });

  it("dispatches by language", () => {
    const body = { model: "m", input: "hi" };
    expect(codeSnippet("curl", body, openai)).toBe(curlSnippet(body, openai));
    expect(codeSnippet("python", body, openai)).toBe(pythonSnippet(body, openai));
    expect(codeSnippet("typescript", body, openai)).toBe(typescriptSnippet(body, openai));
  });
});
