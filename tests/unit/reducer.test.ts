import type { JsonObject } from "@/lib/responses/json";
import { describe, expect, it } from "vitest";
import { initialStreamState, reduceStreamEvent, reduceStreamEvents, type StreamState } from "@/lib/responses/reducer";
import { outputText, summarizeInput, summarizeOutput } from "@/lib/responses/summary";

const response = (status: string, output: unknown[] = []) => ({ id: "resp_1", object: "response", status, output, usage: null });
const message = { id: "msg_1", type: "message", role: "assistant", status: "in_progress", content: [] };

function textStream(deltas: string[]) {
  let n = 0;
  const seq = () => n++;
  return [
    { type: "response.created", sequence_number: seq(), response: response("in_progress") },
    { type: "response.output_item.added", sequence_number: seq(), output_index: 0, item: message },
    { type: "response.content_part.added", sequence_number: seq(), output_index: 0, content_index: 0, item_id: "msg_1", part: { type: "output_text", text: "", annotations: [] } },
    ...deltas.map((delta) => ({ type: "response.output_text.delta", sequence_number: seq(), output_index: 0, content_index: 0, item_id: "msg_1", delta })),
  ];
}

describe("reduceStreamEvent", () => {
  it("builds the answer text from deltas, as the browser shows it live", () => {
    const state = reduceStreamEvents(textStream(["Hel", "lo", " world"]));
    expect(outputText(state.output)).toBe("Hello world");
    expect(state.status).toBe("in_progress");
    expect(state.lastSeq).toBe(5);
    expect(state.eventCount).toBe(6);
  });

  it("does not mutate the state it is given", () => {
    const before = reduceStreamEvents(textStream(["a"]));
    const frozen = JSON.stringify(before);
    reduceStreamEvent(before, { type: "response.output_text.delta", sequence_number: 9, output_index: 0, content_index: 0, delta: "b" });
    expect(JSON.stringify(before)).toBe(frozen);
  });

  it("takes the final response and its output from response.completed", () => {
    const finalItem = { ...message, status: "completed", content: [{ type: "output_text", text: "Done.", annotations: [{ type: "url_citation", url: "https://example.com", start_index: 0, end_index: 5, title: "x" }] }] };
    const state = reduceStreamEvents([
      ...textStream(["Do"]),
      { type: "response.completed", sequence_number: 10, response: { ...response("completed", [finalItem]), usage: { total_tokens: 12 } } },
    ]);
    expect(state.status).toBe("completed");
    expect(outputText(state.output)).toBe("Done.");
    expect(summarizeOutput(state.output)).toEqual({ outputPreview: "Done.", itemTypes: ["message"], citationCount: 1 });
  });

  it("marks the stream failed on an error event and keeps the message", () => {
    const state = reduceStreamEvents([...textStream(["x"]), { type: "error", sequence_number: 7, code: "server_error", message: "boom" }]);
    expect(state.status).toBe("failed");
    expect(state.error).toEqual({ code: "server_error", message: "boom" });
    expect(outputText(state.output)).toBe("x");
  });

  it("folds function call arguments, annotations and tool progress", () => {
    const call = { id: "fc_1", type: "function_call", call_id: "call_1", name: "get_weather", arguments: "", status: "in_progress" };
    const ws = { id: "ws_1", type: "web_search_call", status: "in_progress" };
    const state = reduceStreamEvents([
      { type: "response.output_item.added", sequence_number: 0, output_index: 0, item: call },
      { type: "response.function_call_arguments.delta", sequence_number: 1, output_index: 0, item_id: "fc_1", delta: '{"city":' },
      { type: "response.function_call_arguments.delta", sequence_number: 2, output_index: 0, item_id: "fc_1", delta: '"Paris"}' },
      { type: "response.output_item.added", sequence_number: 3, output_index: 1, item: ws },
      { type: "response.web_search_call.searching", sequence_number: 4, output_index: 1, item_id: "ws_1" },
    ]);
    expect((state.output[0] as JsonObject | undefined)?.arguments).toBe('{"city":"Paris"}');
    expect((state.output[1] as JsonObject | undefined)?.status).toBe("searching");
  });

  it("ignores event types it does not know, counting them", () => {
    const state = reduceStreamEvent(initialStreamState, { type: "response.something_new", sequence_number: 0 });
    expect(state.output).toEqual([]);
    expect(state.eventCount).toBe(1);
  });
});

describe("reduceStreamEvents", () => {
  it("folds a list to the state folding it one event at a time gives, runs of deltas included", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const call = { id: "fc_1", type: "function_call", call_id: "call_1", name: "f", arguments: "", status: "in_progress" };
    for (let round = 0; round < 50; round++) {
      const events: JsonObject[] = [
        { type: "response.created", sequence_number: 0, response: response("in_progress") },
        { type: "response.output_item.added", output_index: 0, item: message },
        { type: "response.content_part.added", output_index: 0, content_index: 0, part: { type: "output_text", text: "", annotations: [] } },
        { type: "response.content_part.added", output_index: 0, content_index: 1, part: { type: "output_text", text: "", annotations: [] } },
        { type: "response.output_item.added", output_index: 1, item: call },
      ];
      for (let i = 0; i < 40; i++) {
        const r = random();
        // Sequence numbers present, missing or out of step; deltas to two parts, to an item that is not there, to arguments.
        const seq = random() < 0.2 ? {} : { sequence_number: Math.floor(random() * 100) };
        // Indexes as they should be, and as they should not: missing, negative or fractional ones append each time.
        const index = (usual: number) => [usual, usual, usual, usual, usual, 1, -1, 0.5, undefined][Math.floor(random() * 9)];
        if (r < 0.45) events.push({ type: "response.output_text.delta", output_index: random() < 0.9 ? 0 : index(0), content_index: index(0), delta: `t${i} `, ...seq });
        else if (r < 0.7) events.push({ type: "response.function_call_arguments.delta", output_index: random() < 0.9 ? 1 : 4, delta: `a${i}`, ...seq });
        else if (r < 0.8) events.push({ type: "response.output_text.delta", output_index: 0, content_index: 0, ...seq }); // no delta
        else if (r < 0.9) events.push({ type: "response.in_progress", response: response("in_progress"), ...seq });
        else events.push({ type: "response.output_text.annotation.added", output_index: 0, content_index: 0, annotation_index: 0, annotation: { type: "url_citation", url: `https://e.test/${i}` }, ...seq });
      }
      const cut = Math.floor(random() * events.length);
      const oneByOne = events.reduce<StreamState>((state, event) => reduceStreamEvent(state, event), initialStreamState);
      expect(reduceStreamEvents(events.slice(cut), reduceStreamEvents(events.slice(0, cut)))).toEqual(oneByOne);
    }
  });
});

describe("summarizeOutput and summarizeInput", () => {
  it("counts cited sources, not annotations: a page cited twice counts once", () => {
    const cite = (url: string) => ({ type: "url_citation", url, title: url, start_index: 0, end_index: 1 });
    const item = { type: "message", content: [{ type: "output_text", text: "ab", annotations: [cite("https://a.example"), cite("https://a.example"), cite("https://b.example")] }] };
    expect(summarizeOutput([item]).citationCount).toBe(2);
  });

  it("names a turn that only sends tool output by that output", () => {
    expect(summarizeInput([{ type: "function_call_output", call_id: "call_1", output: '{"temperature_c":21}' }])).toBe('Tool output: {"temperature_c":21}');
  });

  it("keeps the output that streamed before a failure when the failed response lists none", () => {
    const item = { id: "msg_1", type: "message", role: "assistant", status: "in_progress", content: [] };
    const state = reduceStreamEvents([
      { type: "response.output_item.added", sequence_number: 0, output_index: 0, item },
      { type: "response.content_part.added", sequence_number: 1, output_index: 0, content_index: 0, item_id: "msg_1", part: { type: "output_text", text: "", annotations: [] } },
      { type: "response.output_text.delta", sequence_number: 2, output_index: 0, content_index: 0, item_id: "msg_1", delta: "Half an ans" },
      { type: "response.failed", sequence_number: 3, response: { id: "resp_1", status: "failed", output: [], error: { code: "server_error", message: "boom" } } },
    ]);
    expect(state.status).toBe("failed");
    expect(state.error).toEqual({ code: "server_error", message: "boom" });
    expect((state.output[0] as unknown as { content: { text: string }[] }).content[0]?.text).toBe("Half an ans");
  });
});
