import { describe, expect, it } from "vitest";
import type { NodeEvent } from "@/lib/contracts/nodes";
import type { JsonObject } from "@/lib/responses/json";
import { decodeEvents, encodeEvents } from "@/lib/server/db/events";
import { jsonText, rememberJson } from "@/lib/server/raw-json";

// A saved batch of events (lib/server/db/events.ts): deltas are written compactly against the last full one, and
// reading a batch gives back every event exactly, its data with its keys in the order they arrived in.

/** An event as it arrived: its data parsed from `text`, which is remembered as the text it came as. */
function arrived(seq: number, text: string, atMs = seq): NodeEvent {
  const data = JSON.parse(text) as JsonObject;
  rememberJson(data, text);
  return { seq, type: String(data.type), atMs, data };
}

const delta = (n: number, text: string, item = "msg_1") =>
  `{"type":"response.output_text.delta","sequence_number":${n},"item_id":"${item}","output_index":0,"content_index":0,"delta":${JSON.stringify(text)},"logprobs":[]}`;

/** What reading the batch must give: the events with their data as parsed from the text they came as. */
const asRead = (events: NodeEvent[]) => events.map((e) => ({ ...e, data: JSON.parse(jsonText(e.data)) as JsonObject }));

describe("a batch of saved events", () => {
  it("writes a run of deltas compactly and reads every event back, keys in the order they came", () => {
    const events = [
      arrived(0, `{"type":"response.created","sequence_number":0,"response":{"id":"resp_1","status":"in_progress","output":[]}}`),
      ...Array.from({ length: 300 }, (_, i) => arrived(i + 1, delta(i + 1, `w${i} `))),
      arrived(301, `{"type":"response.output_text.done","sequence_number":301,"item_id":"msg_1","output_index":0,"content_index":0,"text":"…"}`),
    ];
    const text = encodeEvents(events);
    const full = `[${events.map((e) => JSON.stringify({ seq: e.seq, type: e.type, atMs: e.atMs, data: e.data })).join(",")}]`;
    expect(text.length).toBeLessThan(full.length / 5);
    const read = decodeEvents(text);
    expect(read).toEqual(asRead(events));
    expect(Object.keys(read[5]!.data)).toEqual(["type", "sequence_number", "item_id", "output_index", "content_index", "delta", "logprobs"]);
  });

  it("writes out in full every delta that differs from the last full one in more than its two values", () => {
    const events = [
      arrived(0, delta(0, "a")),
      arrived(1, delta(1, "b", "msg_2")), // another item
      arrived(2, delta(2, "c", "msg_1")),
      arrived(3, `{"sequence_number":3,"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"d","logprobs":[]}`), // keys in another order
      arrived(4, `{"type":"response.function_call_arguments.delta","sequence_number":4,"item_id":"fc_1","output_index":1,"delta":"{\\"a\\""}`),
      arrived(5, `{"type":"response.function_call_arguments.delta","sequence_number":5,"item_id":"fc_1","output_index":1,"delta":":1}"}`),
      arrived(6, `{"type":"response.output_text.delta","item_id":"msg_1","delta":"no sequence number"}`),
      arrived(7, `{"type":"response.output_text.delta","item_id":"msg_1","delta":"é \\u00e9"}`), // an escape the encoder would not write
      arrived(8, `{"type":"response.output_text.delta","item_id":"msg_1","delta":"plain"}`),
      arrived(9, `{"type":"response.output_text.delta","item_id":"msg_1","delta":"x","meta":{"delta":"x"}}`), // its delta twice in its text
      arrived(10, `{"type":"response.output_text.delta","item_id":"msg_1","delta":"y","meta":{"delta":"x"}}`),
      arrived(11, `{"type":"response.output_text.delta","item_id":"msg_1","delta":"x","meta":{"delta":"x"}}`),
      arrived(12, `{"type":"response.reasoning_text.delta","sequence_number":"12","delta":"not a number"}`),
      arrived(13, `{"type":"response.reasoning_text.delta","sequence_number":"13","delta":"again"}`),
      arrived(14, `{"type": "response.output_text.delta", "sequence_number": 14, "delta": "spaced"}`),
      arrived(15, `{"type": "response.output_text.delta", "sequence_number": 15, "delta": "spaced too"}`),
      arrived(16, `{"type":"response.output_text.delta","delta":"seq after","sequence_number":16}`),
      arrived(17, `{"type":"response.output_text.delta","delta":"seq after, again","sequence_number":17}`),
    ];
    const read = decodeEvents(encodeEvents(events));
    expect(read).toEqual(asRead(events));
    for (const [i, e] of read.entries()) expect(Object.keys(e.data)).toEqual(Object.keys(asRead(events)[i]!.data));
    // Compact only where the last full delta was a model for it: the second function-call delta, the second "x"
    // (against "y", whose delta is once in its text), and the second with its sequence number after its delta.
    expect([...encodeEvents(events).matchAll(/\[(\d+),\d+,/g)].map((m) => Number(m[1]))).toEqual([5, 11, 17]);
  });

  it("keeps each event's type, and takes events with no data or a delta that is not text", () => {
    const events = [
      { seq: 0, type: "response.output_text.delta", atMs: 0, data: { delta: "a", sequence_number: 0 } },
      { seq: 1, type: "response.refusal.delta", atMs: 1, data: { delta: "b", sequence_number: 1 } }, // the same data but for its values
      { seq: 2, type: "response.refusal.delta", atMs: 2, data: { delta: "c", sequence_number: 2 } },
      { seq: 3, type: "custom", atMs: 3, data: null as unknown as JsonObject },
      { seq: 4, type: "response.audio.delta", atMs: 4, data: { delta: 5, sequence_number: 4 } },
      { seq: 5, type: "response.audio.delta", atMs: 5, data: { delta: 6, sequence_number: 5 } },
    ];
    const text = encodeEvents(events);
    expect(decodeEvents(text)).toEqual(events);
    expect([...text.matchAll(/\[(\d+),\d+,/g)].map((m) => Number(m[1]))).toEqual([2]);
  });

  it("writes only full events when asked to (PostgreSQL, which instances of the release before may share)", () => {
    const events = Array.from({ length: 5 }, (_, i) => arrived(i, delta(i, `w${i}`)));
    const text = encodeEvents(events, { compact: false });
    expect(text).not.toMatch(/\[\d+,\d+,/);
    expect(JSON.parse(text)).toEqual(asRead(events));
  });

  it("reads a batch saved before the compact form", () => {
    const old = `[{"seq":0,"type":"response.output_text.delta","atMs":1,"data":{"type":"response.output_text.delta","delta":"a"}},{"seq":1,"type":"response.output_text.delta","atMs":2,"data":{"type":"response.output_text.delta","delta":"b"}}]`;
    expect(decodeEvents(old).map((e) => e.data.delta)).toEqual(["a", "b"]);
  });
});
