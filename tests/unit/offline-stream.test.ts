import { describe, expect, it } from "vitest";
import type { CreateResponseBody } from "@/lib/offline/core/request-body";
import { planOutput } from "@/lib/offline/stream/items";
import { finishedResponse, inProgressResponse, usageOf } from "@/lib/offline/stream/response";
import { failureEvents, successEvents, type StreamPlan } from "@/lib/offline/stream/events";
import { sseResponse } from "@/lib/offline/stream/sse";

function plan(tokens: string[]): StreamPlan {
  const body: CreateResponseBody = { model: "offline-echo", input: "x" };
  const start = inProgressResponse("resp_test", body, 1_700_000_000);
  const output = planOutput({ type: "message", text: tokens.join(""), annotations: [] }, 0);
  const final = finishedResponse(start, { status: "completed", output: [output.item], usage: usageOf(1, 1), completedAt: 1_700_000_001 });
  return { start, final, outputs: [output] };
}

async function readAll(response: Response): Promise<string> {
  return new TextDecoder().decode(await response.arrayBuffer());
}

describe("stream events", () => {
  it("numbers a failure from 0 and ends with error then response.failed", () => {
    const events = successEvents(plan(["a", " b"]));
    const failed = finishedResponse(plan([]).start, {
      status: "failed",
      output: [],
      usage: null,
      error: { code: "server_error", message: "boom" },
      completedAt: 1_700_000_001,
    });
    const failure = failureEvents(events, 3, failed);
    expect(failure.map((e) => e.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "error",
      "response.failed",
    ]);
    expect(failure.map((e) => e.sequence_number)).toEqual([0, 1, 2, 3, 4]);
    expect(failure[3]).toMatchObject({ code: "server_error", message: "boom", param: null });
  });
});

describe("sseResponse", () => {
  it("saves the final response before the terminal event is written", async () => {
    const events = successEvents(plan(["a", " b"]));
    let savedBeforeTerminal = false;
    const chunks: string[] = [];
    const response = sseResponse(events, {
      tokensPerSecond: 0,
      ttftMs: 0,
      cutAfterEvents: null,
      signal: new AbortController().signal,
      settle: () => {
        savedBeforeTerminal = !chunks.join("").includes("response.completed");
        return Promise.resolve();
      },
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    expect(savedBeforeTerminal).toBe(true);
    expect(chunks.join("").endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("stops writing when the client aborts, and still saves once", async () => {
    const abort = new AbortController();
    let saves = 0;
    const response = sseResponse(successEvents(plan(Array.from({ length: 50 }, (_, i) => ` w${i}`))), {
      tokensPerSecond: 50, // 20 ms per token: the whole answer would take a second
      ttftMs: 0,
      cutAfterEvents: null,
      signal: abort.signal,
      settle: () => {
        saves += 1;
        return Promise.resolve();
      },
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    const started = Date.now();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      text += r.value;
      if (text.includes("response.output_text.delta")) abort.abort();
    }
    expect(Date.now() - started).toBeLessThan(500);
    expect(text).not.toContain("[DONE]");
    expect(text.match(/event: response\.output_text\.delta/g)?.length ?? 0).toBeLessThan(3);
    expect(saves).toBe(1);
  });

  it("closes after N events when cut", async () => {
    const response = sseResponse(successEvents(plan(["a"])), {
      tokensPerSecond: 0,
      ttftMs: 0,
      cutAfterEvents: 2,
      signal: new AbortController().signal,
      settle: () => Promise.resolve(),
    });
    const text = await readAll(response);
    expect(text.split("\n\n").filter(Boolean).map((frame) => frame.split("\n")[0])).toEqual([
      "event: response.created",
      "event: response.in_progress",
    ]);
  });
});
