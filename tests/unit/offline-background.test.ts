import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db/client";
import { insertOfflineResponse } from "@/lib/server/db/offline-responses";
import { backgroundRun } from "@/lib/offline/stream/background";
import { apiErrorBodySchema, responseSchema, streamEventBaseSchema } from "@/lib/responses/schemas";
import { offlineEngineForThisFile } from "./support/offline";

const engine = offlineEngineForThisFile();

/** Start a paced background stream, read it until `marker` shows up, then disconnect as a client that goes away. */
async function streamUntilThenLeave(marker: string): Promise<string> {
  const abort = new AbortController();
  const res = await fetch(`${engine.url}/v1/responses`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-arbor-offline-tps": "100" },
    body: JSON.stringify({ model: "offline-assistant", input: "tell me a joke", background: true, stream: true }),
    signal: abort.signal,
  });
  const reader = res.body!.getReader();
  let text = "";
  while (!text.includes(marker)) {
    const { value } = await reader.read();
    text += new TextDecoder().decode(value);
  }
  abort.abort();
  // Cancelling a body whose request was just aborted may reject; either way the client is gone.
  await reader.cancel().then(
    () => undefined,
    () => undefined,
  );
  return text;
}

/** Request options pacing generation at `tps` tokens per second. */
const paced = (tps: number) => ({ headers: { "x-arbor-offline-tps": String(tps) } });

/** Retrieve a response until `done` holds for it (or give up after `timeoutMs`). */
async function pollUntil(id: string, done: (response: OpenAI.Responses.Response) => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await engine.client.responses.retrieve(id);
    if (done(response)) return response;
    if (Date.now() > deadline) throw new Error(`response ${id} still ${response.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const finished = (response: OpenAI.Responses.Response) => response.status !== "queued" && response.status !== "in_progress";

/** The JSON events of an SSE text (frames before `[DONE]`). */
function parseEvents(text: string) {
  return text
    .split("\n\n")
    .filter((frame) => frame.startsWith("event: "))
    .map((frame) => streamEventBaseSchema.parse(JSON.parse(frame.split("\n")[1]!.replace(/^data: /, ""))));
}

describe("background: true", () => {
  it("answers queued at once, then completes with the same output as a foreground call", async () => {
    const queued = await engine.client.responses.create({ model: "offline-echo", input: "in the background", background: true }, paced(500));
    expect(responseSchema.parse(queued)).toMatchObject({ status: "queued", background: true, output: [], usage: null, store: true });

    const completed = await pollUntil(queued.id, finished);
    expect(completed.status).toBe("completed");
    expect(completed.background).toBe(true);
    expect(responseSchema.parse(completed).usage!.output_tokens).toBeGreaterThan(0);
    const foreground = await engine.client.responses.create({ model: "offline-echo", input: "in the background" });
    expect(completed.output_text).toBe(foreground.output_text);
    expect(completed.output_text).toContain('Last user message: "in the background"');
  });

  it("can be chained to once it has completed", async () => {
    const first = await engine.client.responses.create({ model: "offline-echo", input: "one", background: true });
    await pollUntil(first.id, finished);
    const second = await engine.client.responses.create({ model: "offline-echo", input: "two", previous_response_id: first.id });
    expect(second.output_text).toContain("Turns: 3 (2 user, 1 assistant)");
  });

  it("is cancelled mid-way: the cancel answers cancelled, a later retrieve too, and generation stops", async () => {
    const queued = await engine.client.responses.create({ model: "offline-assistant", input: "tell me a joke", background: true }, paced(2));
    await pollUntil(queued.id, (r) => r.status === "in_progress");

    const cancelled = await engine.client.responses.cancel(queued.id);
    expect(responseSchema.parse(cancelled)).toMatchObject({ id: queued.id, status: "cancelled", background: true });
    // The answer's message was still streaming, so no finished output item survives.
    expect(cancelled.output).toEqual([]);
    expect(backgroundRun(queued.id)).toBeUndefined();
    const retrieved = await engine.client.responses.retrieve(queued.id);
    expect(retrieved.status).toBe("cancelled");
    expect(retrieved.output).toEqual([]);

    // Cancelling again is idempotent.
    expect((await engine.client.responses.cancel(queued.id)).status).toBe("cancelled");
  });

  it("keeps the output items finished before the cancel", async () => {
    const queued = await engine.client.responses.create(
      { model: "offline-assistant", input: "what is 3+4?", background: true, reasoning: { effort: "low", summary: "auto" } },
      paced(20),
    );
    await pollUntil(queued.id, (r) => r.output.length > 0);
    const cancelled = await engine.client.responses.cancel(queued.id);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.output.map((item) => item.type)).toEqual(["reasoning"]);
    expect((await engine.client.responses.retrieve(queued.id)).output).toEqual(cancelled.output);
  });

  it("answers a finished background response unchanged when asked to cancel it", async () => {
    const queued = await engine.client.responses.create({ model: "offline-echo", input: "quick", background: true });
    const completed = await pollUntil(queued.id, finished);
    const answer = await engine.client.responses.cancel(queued.id);
    expect(answer.status).toBe("completed");
    expect(answer.output).toEqual(completed.output);
    expect((await engine.client.responses.retrieve(queued.id)).status).toBe("completed");
  });

  it("requires store: true", async () => {
    const err: unknown = await engine.client.responses
      .create({ model: "offline-echo", input: "x", background: true, store: false })
      .then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("background");
  });

  it("stops generating when deleted while running", async () => {
    const queued = await engine.client.responses.create({ model: "offline-assistant", input: "tell me a joke", background: true }, paced(2));
    await pollUntil(queued.id, (r) => r.status === "in_progress");
    await engine.client.responses.delete(queued.id);
    expect(backgroundRun(queued.id)).toBeUndefined();
    const res = await fetch(`${engine.url}/v1/responses/${queued.id}`);
    expect(res.status).toBe(404);
  });

  it("ends failed when a fault is injected mid-generation", async () => {
    const queued = await engine.client.responses.create(
      { model: "offline-echo", input: "x", background: true },
      { headers: { "x-arbor-fault": "fail:4" } },
    );
    const failed = await pollUntil(queued.id, finished);
    expect(failed.status).toBe("failed");
    expect(failed.error?.code).toBe("server_error");
  });

  it("marks a response left queued by an earlier process as failed on first access", async () => {
    const orphan = await engine.client.responses.create({ model: "offline-echo", input: "orphan" });
    const id = "resp_orphanedbyarestart";
    const response = { ...responseSchema.parse(orphan), id, status: "in_progress", background: true, output: [], usage: null };
    await insertOfflineResponse(await getDb(), { id, previousResponseId: null, response, inputItems: [] });

    const retrieved = await engine.client.responses.retrieve(id);
    expect(retrieved.status).toBe("failed");
    expect(retrieved.error?.message).toMatch(/restarted/);
    expect((await engine.client.responses.cancel(id)).status).toBe("failed");
  });
});

describe("background: true with stream: true", () => {
  it("streams created and queued with the queued Response, then the usual events, ending with [DONE]", async () => {
    const res = await fetch(`${engine.url}/v1/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "offline-echo", input: "stream me", background: true, stream: true }),
    });
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const text = await res.text();
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    const events = parseEvents(text);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    expect(events.slice(0, 3).map((e) => [e.type, responseSchema.parse(e.response).status])).toEqual([
      ["response.created", "queued"],
      ["response.queued", "queued"],
      ["response.in_progress", "in_progress"],
    ]);
    const final = responseSchema.parse(events.at(-1)!.response);
    expect(events.at(-1)!.type).toBe("response.completed");
    expect((await engine.client.responses.retrieve(final.id)).output_text).toContain('Last user message: "stream me"');
  });

  it("keeps generating after the client disconnects, and the response can be retrieved completed", async () => {
    const text = await streamUntilThenLeave("response.in_progress");
    const id = responseSchema.parse(parseEvents(text)[0]!.response).id;
    expect(text).not.toContain("response.completed");

    const completed = await pollUntil(id, finished);
    expect(completed.status).toBe("completed");
    expect(completed.output_text.length).toBeGreaterThan(0);
  });

  it("resumes a lost stream with retrieve(stream: true, starting_after)", async () => {
    const text = await streamUntilThenLeave("response.output_text.delta");
    const seen = parseEvents(text);
    const id = responseSchema.parse(seen[0]!.response).id;
    const lastSeen = seen.at(-1)!.sequence_number;

    const resumed = await engine.client.responses.retrieve(id, { stream: true, starting_after: lastSeen });
    const rest: { type: string; sequence_number: number }[] = [];
    let deltas = seen.flatMap((e) => (e.type === "response.output_text.delta" ? [e.delta as string] : [])).join("");
    for await (const event of resumed) {
      rest.push(event);
      if (event.type === "response.output_text.delta") deltas += event.delta;
    }
    expect(rest[0]!.sequence_number).toBe(lastSeen + 1);
    expect(rest.map((e) => e.sequence_number)).toEqual(rest.map((_, i) => lastSeen + 1 + i));
    expect(rest.at(-1)!.type).toBe("response.completed");
    expect(deltas).toBe((await engine.client.responses.retrieve(id)).output_text);

    // A finished run can still be replayed from the start.
    const replay = await fetch(`${engine.url}/v1/responses/${id}?stream=true`);
    expect(parseEvents(await replay.text())).toHaveLength(lastSeen + 1 + rest.length);
  });

  it("refuses stream: true on retrieve for a response not created in the background", async () => {
    const created = await engine.client.responses.create({ model: "offline-echo", input: "x" });
    const res = await fetch(`${engine.url}/v1/responses/${created.id}?stream=true`);
    expect(res.status).toBe(400);
    expect(apiErrorBodySchema.parse(await res.json()).error.param).toBe("stream");
  });

  it("an injected cut closes only the stream; the run completes", async () => {
    const res = await fetch(`${engine.url}/v1/responses`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-arbor-fault": "cut:3" },
      body: JSON.stringify({ model: "offline-echo", input: "cut me", background: true, stream: true }),
    });
    const events = parseEvents(await res.text());
    expect(events).toHaveLength(3);
    const id = responseSchema.parse(events[0]!.response).id;
    expect((await pollUntil(id, finished)).status).toBe("completed");
  });

  it("answers errors as JSON before any stream starts", async () => {
    const res = await fetch(`${engine.url}/v1/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "offline-echo", input: "x", background: true, stream: true, store: false }),
    });
    expect(res.status).toBe(400);
    expect(apiErrorBodySchema.parse(await res.json()).error.param).toBe("background");
  });
});
