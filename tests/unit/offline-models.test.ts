import { describe, expect, it } from "vitest";
import { evaluateArithmetic, findArithmetic } from "@/lib/offline/tools/arithmetic";
import { runModel } from "@/lib/offline/models/registry";
import type { Item, ModelContext } from "@/lib/offline/core/types";
import { normalizeInput } from "@/lib/offline/http/request";
import { estimateTokens, splitIntoStreamTokens, truncateToTokens } from "@/lib/offline/core/tokens";

function user(text: string): Item {
  return { id: `msg_u${text.length}`, type: "message", role: "user", content: [{ type: "input_text", text }] };
}
function assistant(text: string): Item {
  return { id: `msg_a${text.length}`, type: "message", role: "assistant", content: [{ type: "output_text", text }] };
}
function context(items: Item[], extra: Partial<ModelContext> = {}): ModelContext {
  return { items, chainItemCount: 0, chainResponseIds: [], instructions: null, tools: [], ...extra };
}
const ask = (text: string, history: Item[] = []) => runModel("offline-assistant", context([...history, user(text)]));

describe("offline-assistant", () => {
  it("evaluates arithmetic with precedence, parentheses and powers", () => {
    expect(ask("2+2")).toContain("**4**");
    expect(ask("What is 2 + 3 * (4 - 1)?")).toContain("**11**");
    expect(ask("calculate 2^10 / 4")).toContain("**256**");
    expect(ask("0.1 + 0.2")).toContain("**0.3**");
    expect(ask("-3 * -3")).toContain("**9**");
    expect(ask("1/0")).toMatch(/could not evaluate.*division by zero/);
  });

  it("never evaluates code", () => {
    expect(findArithmetic("process.exit(1)")).toBeNull();
    expect(findArithmetic("2 + alert(1)")).toBeNull();
    expect(evaluateArithmetic("2 + (3")).toEqual({ ok: false, reason: "a closing parenthesis is missing" });
    expect(evaluateArithmetic("2 2")).toEqual({ ok: false, reason: 'unexpected "2"' });
    expect(findArithmetic("42")).toBeNull(); // a lone number is not a question
  });

  it("tells a different joke for each joke already in the context", () => {
    const first = ask("Tell me a joke");
    const second = ask("another one", [user("Tell me a joke"), assistant(first)]);
    const third = ask("a different joke please", [user("Tell me a joke"), assistant(first), user("another one"), assistant(second)]);
    const jokes = [first, second, third].map((answer) => answer.split("\n\n")[1]);
    expect(new Set(jokes).size).toBe(3);
    expect(ask("Tell me a joke")).toBe(first); // deterministic
    expect(ask("tell me another joke")).not.toBe(first);
  });

  it("forked from the same answer, 'a different joke' differs from 'another', and explains the difference", () => {
    const first = ask("Tell me a joke");
    const history = [user("Tell me a joke"), assistant(first)];
    const another = ask("Tell me another", history).split("\n\n")[1];
    const different = ask("Tell me a different joke, and what's the difference between the two?", history);
    expect(different.split("\n\n")[1]).not.toBe(another);
    expect(different).toMatch(/The difference: the earlier joke is a pun on bugs .*; this one is /);
  });

  it("greets, explains itself, and restates anything else honestly", () => {
    expect(ask("Hello!")).toMatch(/^Hello! I'm \*\*offline-assistant\*\*, a rule-based model/);
    expect(ask("What can you do?")).toContain("evaluate arithmetic");
    const fallback = ask("Explain quantum entanglement to a child. Use simple words.");
    expect(fallback).toContain("rule-based model");
    expect(fallback).toContain("> Explain quantum entanglement to a child.");
    expect(fallback).toContain("key words: explain, quantum, entanglement");
  });

  it("says so when there is no user message", () => {
    expect(runModel("offline-assistant", context([]))).toMatch(/no user message/);
  });
});

describe("offline-echo", () => {
  it("describes a chain, extra replayed items, instructions, tools and non-message items", () => {
    const chain = [user("q1"), assistant("a1")];
    const input = [
      { id: "fc_1", type: "function_call", call_id: "c1", name: "lookup", arguments: "{}" },
      { id: "fco_1", type: "function_call_output", call_id: "c1", output: "42" },
      user("the question"),
    ];
    const text = runModel(
      "offline-echo",
      context([...chain, ...input], {
        chainItemCount: 2,
        chainResponseIds: ["resp_a", "resp_b"],
        instructions: "Be brief.",
        tools: [{ type: "function", name: "lookup" }, { type: "web_search" }],
      }),
    );
    expect(text).toContain("- Turns: 3 (2 user, 1 assistant)");
    expect(text).toContain("- History: previous_response_id resp_b (2 stored responses), plus replayed in input (2 items)");
    expect(text).toContain("- Chain: resp_a → resp_b");
    expect(text).toContain("- Items in context: 5 (2 not messages: 1 function_call, 1 function_call_output)");
    expect(text).toContain('- Last user message: "the question"');
    expect(text).toContain('- Instructions: "Be brief."');
    expect(text).toContain("- Tools: lookup (function), web_search");
  });

  it("says none when there is no history", () => {
    const text = runModel("offline-echo", context([user("solo")]));
    expect(text).toContain("- Turns: 1 (1 user, 0 assistant)");
    expect(text).toContain("- History: none");
    expect(text).toContain("- Chain: none");
  });
});

describe("input normalisation", () => {
  it("turns a string into one user message and gives every item an id and a status", () => {
    const [item] = normalizeInput("hi");
    expect(item).toMatchObject({ type: "message", role: "user", status: "completed", content: [{ type: "input_text", text: "hi" }] });
    expect(item?.id).toMatch(/^msg_[0-9a-f]{40}$/);
    const items = normalizeInput([
      { role: "assistant", content: "earlier answer" },
      { type: "function_call_output", call_id: "c1", output: "{}" },
      { type: "message", role: "user", content: [{ type: "input_text", text: "x" }], id: "msg_keep" },
    ]);
    expect(items[0]).toMatchObject({ type: "message", role: "assistant", content: [{ type: "output_text", text: "earlier answer", annotations: [] }] });
    expect(items[1]?.id).toMatch(/^fco_/);
    expect(items[2]?.id).toBe("msg_keep");
  });
});

describe("tokens", () => {
  it("splits text into word-ish stream tokens that join back to the text", () => {
    const text = "Hello,  world!\n\n- a list";
    const tokens = splitIntoStreamTokens(text);
    expect(tokens.join("")).toBe(text);
    expect(tokens).toEqual(["Hello,", "  world!", "\n\n-", " a", " list"]);
  });

  it("estimates about four characters per token and truncates at a word boundary", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("abcdefgh")).toBe(2);
    expect(estimateTokens("abcdefghi")).toBe(3);
    const cut = truncateToTokens("one two three four five six", 3);
    expect(cut).toEqual({ text: "one two", truncated: true }); // 12 characters fit, "one two three" has 13
    expect(truncateToTokens("short", 16)).toEqual({ text: "short", truncated: false });
  });
});
