import { fragmentOfRequest, type NodeDetail } from "@/lib/contracts/nodes";
import { citeMessages } from "@/lib/responses/citations";
import { pythonLiteral, pythonString, typescriptLiteral, type SnippetTarget } from "@/lib/responses/code-snippets";
import { functionCallsOf, functionOutputs, inputText } from "@/lib/responses/input";
import { itemDefinition, toolCallItems } from "@/lib/responses/items";
import { objects, str } from "@/lib/responses/json";

// One branch (root to a node) written out for people: a Markdown transcript, or a script that asks the same
// questions again with the openai SDK, each turn chained to the one before by previous_response_id.

/** What a branch export can be. */
export const BRANCH_FORMATS = ["markdown", "typescript", "python"] as const;
export type BranchFormat = (typeof BRANCH_FORMATS)[number];

const fence = (text: string, language = "") => {
  const ticks = "`".repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${ticks}${language}\n${text}\n${ticks}`;
};

const outputString = (output: unknown) => (typeof output === "string" ? output : JSON.stringify(output, null, 2));

/** The branch as a Markdown transcript: each turn's input, the answer with its sources, tool calls folded away. */
export function branchMarkdown(title: string, branch: readonly NodeDetail[]): string {
  const lines = [`# ${title.replace(/\n/g, " ")}`, ""];
  branch.forEach((node, i) => {
    lines.push(`## Turn ${i + 1}${node.label ? `: ${node.label}` : ""}`, "", `*${node.model}* · ${node.status}${node.responseId ? ` · \`${node.responseId}\`` : ""}`, "");
    if (node.note) lines.push(...node.note.split("\n").map((line) => `> ${line}`), "");
    const text = inputText(node.input);
    if (text) lines.push("**User**", "", text, "");
    for (const output of functionOutputs(node.input)) lines.push(`**Tool output** (\`${output.callId}\`)`, "", fence(outputString(output.output), "json"), "");
    const items = Array.isArray(node.response?.output) ? (node.response.output as unknown[]) : [];
    const calls = toolCallItems(items);
    if (calls.length > 0) {
      lines.push("<details>", `<summary>Tool calls (${calls.length})</summary>`, "");
      for (const { item, type } of calls) lines.push(`- ${itemDefinition(type).label}${toolCallDetail(item)}`);
      lines.push("", "</details>", "");
    }
    const answer = citeMessages(items);
    if (answer.markdown.trim()) {
      lines.push("**Assistant**", "", answer.markdown.replace(/\[(\d+)\]\(#cite-\d+\)/g, "[$1]"), "");
      for (const source of answer.sources) {
        const where = source.url ? `<${source.url}>` : (source.filename ?? source.fileId ?? "");
        lines.push(`[${source.n}]: ${source.title || where}${source.title && where ? ` ${where}` : ""}`);
      }
      if (answer.sources.length > 0) lines.push("");
    } else if (node.error) {
      lines.push(`**Error** (${node.error.code}): ${node.error.message}`, "");
    }
  });
  return `${lines.join("\n").trimEnd()}\n`;
}

// The one thing worth reading on a tool call's line: a function's name and arguments, a search's query.
function toolCallDetail(item: Record<string, unknown>): string {
  if (item.type === "function_call") return `: \`${str(item.name)}(${str(item.arguments)})\``;
  const action = objects([item.action])[0];
  const query = str(action?.query) || (Array.isArray(item.queries) ? (item.queries as unknown[]).map(str).join("; ") : "");
  return query ? `: “${query}”` : "";
}

/** A marker standing for "the id of the n-th function call the previous response asked for" inside a literal. */
const callMarker = (n: number) => `\u0000call${n}\u0000`;

/** One turn's `responses.create` body, its function outputs pointed at markers for the previous turn's calls. */
function turnBody(node: NodeDetail, parent: NodeDetail | undefined): Record<string, unknown> {
  const { tools, params, instructions } = fragmentOfRequest(node.request);
  const parentCalls = functionCallsOf(parent?.response).map((c) => c.callId);
  const input = node.input.map((item) => {
    const fields = item as unknown as Record<string, unknown>;
    const at = fields.type === "function_call_output" ? parentCalls.indexOf(str(fields.call_id)) : -1;
    return at === -1 ? item : { ...fields, call_id: callMarker(at) };
  });
  // A chain needs stored responses, and a script waits for each answer.
  const { store: _store, background: _background, ...kept } = params ?? {};
  return { model: node.model, ...(instructions ? { instructions } : {}), input, ...(tools ? { tools } : {}), ...kept };
}

/**
 * The branch as a runnable script (TypeScript or Python) for the openai SDK: one `responses.create` per turn, each
 * after the first chained with `previous_response_id`, function outputs answering the calls the new run asked for.
 */
export function branchScript(language: "typescript" | "python", branch: readonly NodeDetail[], target: SnippetTarget): string {
  return language === "python" ? pythonScript(branch, target) : typescriptScript(branch, target);
}

const summaryLine = (node: NodeDetail) => (inputText(node.input) || (functionOutputs(node.input).length ? "tool output" : "input")).replace(/\s+/g, " ").slice(0, 70);

function typescriptScript(branch: readonly NodeDetail[], target: SnippetTarget): string {
  const apiKey = target.apiKeyEnv === null ? '"offline"' : `process.env.${target.apiKeyEnv}`;
  const lines = [
    "// Asks this Arbor branch again, turn by turn, chained with previous_response_id.",
    "// Run: npm install openai && npx tsx branch.mts (an ES module: it awaits at the top level)",
    'import OpenAI from "openai";',
    "",
    `const client = new OpenAI({ baseURL: ${JSON.stringify(target.baseURL)}, apiKey: ${apiKey} });`,
    "",
    "/** The call ids of the function calls a response asked for, in order. */",
    "const callsOf = (response: OpenAI.Responses.Response) =>",
    '  response.output.flatMap((item) => (item.type === "function_call" ? [item.call_id] : []));',
  ];
  branch.forEach((node, i) => {
    const name = `turn${i + 1}`;
    const previous = i > 0 ? `turn${i}` : null;
    const body = typescriptLiteral(previous ? { ...turnBody(node, branch[i - 1]), previous_response_id: "\u0000prev\u0000" } : turnBody(node, undefined));
    const code = body.replace(/"\\u0000call(\d+)\\u0000"/g, `callsOf(${previous})[$1]`).replace(/"\\u0000prev\\u0000"/g, `${previous}.id`);
    lines.push("", `// Turn ${i + 1}: ${summaryLine(node)}`, `const ${name} = await client.responses.create(${code});`, `console.log(${JSON.stringify(`--- turn ${i + 1}`)}, ${name}.id);`, `console.log(${name}.output_text);`);
  });
  return `${lines.join("\n")}\n`;
}

function pythonScript(branch: readonly NodeDetail[], target: SnippetTarget): string {
  const apiKey = target.apiKeyEnv === null ? '"offline"' : `os.environ[${pythonString(target.apiKeyEnv)}]`;
  const lines = [
    "# Asks this Arbor branch again, turn by turn, chained with previous_response_id.",
    "# Run: pip install openai && python branch.py",
    ...(target.apiKeyEnv === null ? [] : ["import os"]),
    "from openai import OpenAI",
    "",
    `client = OpenAI(base_url=${pythonString(target.baseURL)}, api_key=${apiKey})`,
    "",
    "",
    "def calls_of(response):",
    '    """The call ids of the function calls a response asked for, in order."""',
    '    return [item.call_id for item in response.output if item.type == "function_call"]',
  ];
  branch.forEach((node, i) => {
    const name = `turn${i + 1}`;
    const previous = i > 0 ? `turn${i}` : null;
    const body = turnBody(node, branch[i - 1]);
    const args = Object.entries(previous ? { ...body, previous_response_id: "\u0000prev\u0000" } : body).map(([key, value]) => `    ${key}=${pythonLiteral(value, "    ")},`);
    const code = args
      .join("\n")
      .replace(/"\\x00call(\d+)\\x00"/g, `calls_of(${previous})[$1]`)
      .replace(/"\\x00prev\\x00"/g, `${previous}.id`);
    lines.push("", `# Turn ${i + 1}: ${summaryLine(node)}`, `${name} = client.responses.create(`, code, ")", `print(${pythonString(`--- turn ${i + 1}`)}, ${name}.id)`, `print(${name}.output_text)`);
  });
  return `${lines.join("\n")}\n`;
}
