/** The clients the "Record a client" dialog has a snippet for, in the order it shows them. */
export const PROXY_CLIENTS = ["openai-node", "openai-python", "agents", "ai-sdk", "codex"] as const;
export type ProxyClient = (typeof PROXY_CLIENTS)[number];

/** A snippet that points one client at the recording proxy. */
export type ProxySnippet = { client: ProxyClient; label: string; language: "ts" | "python" | "toml"; code: string };

/** The model the snippets ask for: written `provider/model`, so it reaches that provider whatever the default. */
export const SNIPPET_MODEL = "offline/offline-assistant";

/** The recording proxy's base URL on this Arbor (`origin` is the page's, e.g. `http://127.0.0.1:3000`). */
export function proxyBaseUrl(origin: string): string {
  return `${origin.replace(/\/+$/, "")}/api/v1`;
}

/** One snippet per client, each pointing its base URL at `baseURL` (any key works while sign-in is off). */
export function proxySnippets(baseURL: string, model = SNIPPET_MODEL): ProxySnippet[] {
  const url = JSON.stringify(baseURL);
  const name = JSON.stringify(model);
  return [
    {
      client: "openai-node",
      label: "openai (TypeScript)",
      language: "ts",
      code: `import OpenAI from "openai";

// Or leave the code as it is and set OPENAI_BASE_URL=${baseURL}
const client = new OpenAI({ baseURL: ${url}, apiKey: "arbor", defaultHeaders: { "X-Arbor-Tree": "My script" } });
const response = await client.responses.create({ model: ${name}, input: "Hello" });
console.log(response.output_text);`,
    },
    {
      client: "openai-python",
      label: "openai (Python)",
      language: "python",
      code: `from openai import OpenAI

# Or leave the code as it is and set OPENAI_BASE_URL=${baseURL}
client = OpenAI(base_url=${url}, api_key="arbor", default_headers={"X-Arbor-Tree": "My script"})
response = client.responses.create(model=${name}, input="Hello")
print(response.output_text)`,
    },
    {
      client: "agents",
      label: "Agents SDK",
      language: "ts",
      code: `import OpenAI from "openai";
import { Agent, run, setDefaultOpenAIClient, setTracingDisabled } from "@openai/agents";

setDefaultOpenAIClient(new OpenAI({ baseURL: ${url}, apiKey: "arbor" }));
setTracingDisabled(true);
const agent = new Agent({ name: "Assistant", instructions: "Be brief.", model: ${name} });
console.log((await run(agent, "Hello")).finalOutput);`,
    },
    {
      client: "ai-sdk",
      label: "AI SDK",
      language: "ts",
      code: `import { createOpenAI } from "@ai-sdk/openai";
import { generateText } from "ai";

const openai = createOpenAI({ baseURL: ${url}, apiKey: "arbor" });
const { text } = await generateText({ model: openai.responses(${name}), prompt: "Hello" });
console.log(text);`,
    },
    {
      client: "codex",
      label: "Codex CLI",
      language: "toml",
      code: `# ~/.codex/config.toml (then run codex as usual)
model = ${name}
model_provider = "arbor"

[model_providers.arbor]
name = "Arbor"
base_url = ${url}
wire_api = "responses"
env_key = "ARBOR_API_KEY"  # export ARBOR_API_KEY=arbor (any value while sign-in is off)`,
    },
  ];
}
