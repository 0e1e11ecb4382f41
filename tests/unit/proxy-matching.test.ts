import { describe, expect, it } from "vitest";
import { proxySnippets, PROXY_CLIENTS } from "@/lib/client/proxy-snippets";
import { clientNameOf } from "@/lib/server/proxy/client-name";
import { findLongestContextPrefix, sameItem, type MatchableNode } from "@/lib/tree/context-match";

const user = (text: string) => ({ type: "message", role: "user", content: [{ type: "input_text", text }] });
const assistant = (id: string, text: string) => ({ id, type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text, annotations: [], logprobs: [] }] });
const call = (id: string, callId: string) => ({ id, type: "function_call", call_id: callId, name: "get_weather", arguments: '{"city":"Paris"}', status: "completed" });
const output = (callId: string, text: string) => ({ type: "function_call_output", call_id: callId, output: text });
const reasoning = (id: string) => ({ id, type: "reasoning", summary: [{ type: "summary_text", text: "thinking" }] });

//   a (user hi -> hello) ─ b (user more -> more) ─ c (call -> ) ─ d (output -> answer)
//                        └ e (user other -> other)
const nodes: MatchableNode[] = [
  { id: "a", parentId: null, input: [user("hi")], output: [reasoning("rs_a"), assistant("msg_a", "hello")] },
  { id: "b", parentId: "a", input: [user("more")], output: [assistant("msg_b", "more")] },
  { id: "c", parentId: "b", input: [user("weather?")], output: [call("fc_c", "call_1")] },
  { id: "d", parentId: "c", input: [output("call_1", "sunny")], output: [assistant("msg_d", "It is sunny")] },
  { id: "e", parentId: "a", input: [user("other")], output: [assistant("msg_e", "other")] },
];

describe("finding the node a replayed history continues", () => {
  it("takes the node whose whole context is the longest prefix of the input", () => {
    const sent = [user("hi"), assistant("msg_a", "hello"), user("more"), assistant("msg_b", "more"), user("next")];
    expect(findLongestContextPrefix(nodes, sent)).toEqual({ parentId: "b", matched: 4 });
  });

  it("matches items as clients send them back: without ids or statuses, as strings, as item references", () => {
    const sent = [
      { role: "user", content: "hi" },
      { role: "assistant", content: [{ type: "output_text", text: "hello" }] },
      { type: "item_reference", id: "msg_e" } as Record<string, unknown>,
    ];
    // The reference names e's *output*, but e's input (user "other") is missing: e does not match, a does.
    expect(findLongestContextPrefix(nodes, [...sent.slice(0, 2), user("other"), sent[2]!, user("then")])).toEqual({ parentId: "e", matched: 4 });
    expect(findLongestContextPrefix(nodes, [...sent.slice(0, 2), user("again")])).toEqual({ parentId: "a", matched: 2 });
  });

  it("follows a tool loop: the call and its output", () => {
    const sent = [user("hi"), assistant("x", "hello"), user("more"), assistant("y", "more"), user("weather?"), { type: "function_call", call_id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' }, output("call_1", "sunny")];
    expect(findLongestContextPrefix(nodes, sent)).toEqual({ parentId: "c", matched: 6 });
  });

  it("keeps reasoning the client sent back, and skips reasoning it left out", () => {
    expect(findLongestContextPrefix(nodes, [user("hi"), reasoning("rs_a"), assistant("msg_a", "hello"), user("x")])).toEqual({ parentId: "a", matched: 3 });
    expect(findLongestContextPrefix(nodes, [user("hi"), assistant("msg_a", "hello"), user("x")])).toEqual({ parentId: "a", matched: 2 });
  });

  it("makes a rewind a branch, a repeat a sibling, and anything else a new root", () => {
    // Back to a's answer with a new question: a child of a, beside b and e.
    expect(findLongestContextPrefix(nodes, [user("hi"), assistant("msg_a", "hello"), user("third way")]).parentId).toBe("a");
    // b's exact context again, with nothing new: the call asks b's question again, a sibling of b under a.
    expect(findLongestContextPrefix(nodes, [user("hi"), assistant("msg_a", "hello"), user("more")])).toEqual({ parentId: "a", matched: 2 });
    expect(findLongestContextPrefix(nodes, [user("hello there")])).toEqual({ parentId: null, matched: 0 });
    expect(findLongestContextPrefix(nodes, [])).toEqual({ parentId: null, matched: 0 });
    // A different answer at the same place is a different history.
    expect(findLongestContextPrefix(nodes, [user("hi"), assistant("z", "goodbye"), user("more")])).toEqual({ parentId: null, matched: 0 });
  });

  it("tells apart function outputs and messages that differ", () => {
    expect(sameItem(output("call_1", "sunny"), output("call_1", "rainy"))).toBe(false);
    expect(sameItem(output("call_1", "sunny"), output("call_2", "sunny"))).toBe(false);
    expect(sameItem(user("a"), { role: "assistant", content: "a" })).toBe(false);
    expect(sameItem({ role: "system", content: "Be brief" }, { role: "developer", content: [{ type: "input_text", text: "Be brief" }] })).toBe(true);
  });
});

describe("naming a recorded client", () => {
  it("reads the client from its User-Agent", () => {
    expect(clientNameOf("OpenAI/JS 6.49.0")).toBe("openai-node");
    expect(clientNameOf("OpenAI/Python 1.99.0")).toBe("openai-python");
    expect(clientNameOf("Agents/JavaScript 0.14.3")).toBe("Agents SDK");
    expect(clientNameOf("ai-sdk/openai/2.0.131 ai-sdk/provider-utils/3.0.0 runtime/node.js/20")).toBe("AI SDK");
    expect(clientNameOf("codex_exec/0.171.0 (Debian 12; x86_64) unknown")).toBe("Codex");
    expect(clientNameOf("my-tool/1.0")).toBe("my-tool");
    expect(clientNameOf(null)).toBe("client");
  });
});

describe("the snippets of the Record a client dialog", () => {
  it("point every client at the base URL it is given", () => {
    const snippets = proxySnippets("http://127.0.0.1:3000/api/v1");
    expect(snippets.map((s) => s.client)).toEqual([...PROXY_CLIENTS]);
    for (const snippet of snippets) expect(snippet.code, snippet.client).toContain('"http://127.0.0.1:3000/api/v1"');
    expect(snippets.find((s) => s.client === "codex")?.code).toContain('wire_api = "responses"');
  });
});
