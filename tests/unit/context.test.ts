import { describe, expect, it } from "vitest";
import type { InputItem, ResponseOutputItem } from "@/lib/responses/types";
import { assembleReplayInput, planContext, type BranchNode } from "@/lib/tree/context";

const user = (text: string): InputItem => ({ type: "message", role: "user", content: [{ type: "input_text", text }] });
const answer = (text: string) =>
  ({ id: `msg_${text}`, type: "message", role: "assistant", content: [{ type: "output_text", text, annotations: [] }] }) as unknown as ResponseOutputItem;
const node = (id: string, q: string, a: string | null, extra: Partial<BranchNode> = {}): BranchNode => ({
  id,
  providerId: "offline",
  input: [user(q)],
  responseId: a ? `resp_${id}` : null,
  store: true,
  response: a ? { output: [answer(a)] } : null,
  ...extra,
});
const caps = { store: true, previousResponseId: true };

describe("assembleReplayInput", () => {
  it("concatenates each ancestor's input and output items, root first, then the new input", () => {
    const branch = [node("a", "q1", "a1"), node("b", "q2", "a2")];
    expect(assembleReplayInput(branch, [user("q3")])).toEqual([user("q1"), answer("a1"), user("q2"), answer("a2"), user("q3")]);
  });

  it("keeps a failed ancestor's input even though it has no output", () => {
    const branch = [node("a", "q1", null)];
    expect(assembleReplayInput(branch, [user("q2")])).toEqual([user("q1"), user("q2")]);
  });
});

describe("planContext", () => {
  const branch = [node("a", "q1", "a1"), node("b", "q2", "a2")];

  it("chains to the parent's response id in auto mode when the provider keeps responses", () => {
    const plan = planContext({ branch, input: [user("q3")], requested: "auto", providerId: "offline", capabilities: caps });
    expect(plan).toMatchObject({ mode: "chain", previousResponseId: "resp_b", input: [user("q3")] });
  });

  it("replays when the parent was created with store: false", () => {
    const unstored = [node("a", "q1", "a1"), node("b", "q2", "a2", { store: false })];
    const plan = planContext({ branch: unstored, input: [user("q3")], requested: "auto", providerId: "offline", capabilities: caps });
    expect(plan).toMatchObject({ mode: "replay", previousResponseId: null });
    expect("input" in plan && plan.input).toHaveLength(5);
  });

  it("replays for a stateless provider and when the parent came from another provider", () => {
    const stateless = planContext({ branch, input: [user("q3")], requested: "auto", providerId: "offline", capabilities: { store: false, previousResponseId: false } });
    expect(stateless).toMatchObject({ mode: "replay" });
    const other = planContext({ branch, input: [user("q3")], requested: "auto", providerId: "openai", capabilities: caps });
    expect(other).toMatchObject({ mode: "replay" });
  });

  it("replays when asked, even where chaining would work", () => {
    expect(planContext({ branch, input: [user("q3")], requested: "replay", providerId: "offline", capabilities: caps })).toMatchObject({ mode: "replay" });
  });

  it("refuses an explicit chain that cannot work", () => {
    const failedParent = [node("a", "q1", null)];
    const plan = planContext({ branch: failedParent, input: [user("q2")], requested: "chain", providerId: "offline", capabilities: caps });
    expect(plan).toEqual({ error: "Cannot continue with previous_response_id: the parent has no stored response." });
  });

  it("sends only the new input for a root", () => {
    expect(planContext({ branch: [], input: [user("hi")], requested: "auto", providerId: "offline", capabilities: caps })).toMatchObject({
      mode: "chain",
      previousResponseId: null,
      input: [user("hi")],
    });
  });
});
