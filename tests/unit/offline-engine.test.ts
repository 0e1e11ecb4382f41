import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { resetEnvForTests } from "@/lib/env";
import { handleOfflineRequest } from "@/lib/offline/http/router";
import { apiErrorBodySchema, responseItemListSchema, responseSchema, streamEventBaseSchema } from "@/lib/responses/schemas";
import { serve, type Served } from "./support/http";
import { expectApiError } from "./support/offline";

let database: Database;
let server: Served;
let client: OpenAI;

/** The path segments after `/v1/`, as the Next.js catch-all route passes them. */
function pathAfterV1(request: Request): string[] {
  const pathname = new URL(request.url).pathname;
  return pathname.slice(pathname.indexOf("/v1/") + "/v1/".length).split("/").filter(Boolean);
}

beforeAll(async () => {
  process.env.ARBOR_OFFLINE_TPS = "0";
  resetEnvForTests();
  database = await openDatabase({ kind: "pglite" });
  setDatabaseForTests(database);
  server = await serve((request) => handleOfflineRequest(request, pathAfterV1(request)));
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "test", maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
  await database.close();
});

/** POST /v1/responses with fetch, for what the SDK hides (raw SSE text, headers, malformed bodies). */
function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/v1/responses`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The JSON events of a raw SSE text, checking every frame's `event:` line equals its `type`. */
function parseSse(text: string): { type: string; sequence_number: number; [key: string]: unknown }[] {
  const frames = text.split("\n\n").filter((frame) => frame.trim() !== "");
  expect(frames.at(-1)).toBe("data: [DONE]");
  return frames.slice(0, -1).map((frame) => {
    const [eventLine, dataLine, ...rest] = frame.split("\n");
    expect(rest).toEqual([]);
    const event = streamEventBaseSchema.parse(JSON.parse(dataLine?.replace(/^data: /, "") ?? ""));
    expect(eventLine).toBe(`event: ${event.type}`);
    return event;
  });
}

function outputText(response: { output: unknown[] }): string {
  const message = response.output[0] as { content: { text: string }[] };
  return message.content.map((part) => part.text).join("");
}

describe("POST /responses (JSON)", () => {
  it("answers a Response with every spec field, of the right type", async () => {
    const response = await client.responses.create({ model: "offline-echo", input: "Hello there", instructions: "Be brief." });
    const parsed = responseSchema.parse(response);
    expect(parsed.id).toMatch(/^resp_[0-9a-f]+$/);
    expect(parsed.status).toBe("completed");
    expect(parsed.created_at).toBe(Math.floor(parsed.created_at));
    expect(parsed.instructions).toBe("Be brief.");
    expect(parsed.store).toBe(true);
    expect(parsed.text.format).toEqual({ type: "text" });
    expect(parsed.output).toHaveLength(1);
    expect(parsed.output[0]).toMatchObject({ type: "message", role: "assistant", status: "completed" });
    expect((parsed.output[0] as { id: string }).id).toMatch(/^msg_/);
    expect(response.output_text).toContain('Last user message: "Hello there"');
    const usage = parsed.usage!;
    expect(usage.input_tokens).toBeGreaterThan(0);
    expect(usage.output_tokens).toBe(Math.ceil(response.output_text.length / 4));
    expect(usage.total_tokens).toBe(usage.input_tokens + usage.output_tokens);
  });

  it("counts the whole chain in input_tokens", async () => {
    const first = await client.responses.create({ model: "offline-echo", input: "one" });
    const second = await client.responses.create({ model: "offline-echo", input: "two", previous_response_id: first.id });
    expect(second.usage!.input_tokens).toBeGreaterThan(first.usage!.input_tokens + first.usage!.output_tokens - 1);
  });

  it("stops at max_output_tokens with status incomplete", async () => {
    const response = await client.responses.create({ model: "offline-echo", input: "hi", max_output_tokens: 16 });
    expect(response.status).toBe("incomplete");
    expect(response.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect(response.usage!.output_tokens).toBeLessThanOrEqual(16);
    expect(responseSchema.safeParse(response).success).toBe(true);
  });
});

describe("POST /responses (stream)", () => {
  it("sends OpenAI's events in order, numbered from 0, as SSE frames ending with [DONE]", async () => {
    const res = await post({ model: "offline-assistant", input: "tell me a joke", stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = parseSse(await res.text());
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const types = events.map((e) => e.type);
    const deltas = types.filter((t) => t === "response.output_text.delta").length;
    expect(deltas).toBeGreaterThan(3);
    expect(types).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      ...Array<string>(deltas).fill("response.output_text.delta"),
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    const delta = events[4]!;
    expect(delta).toMatchObject({ output_index: 0, content_index: 0, logprobs: [] });
    expect(delta.item_id).toMatch(/^msg_/);
    const joined = events.filter((e) => e.type === "response.output_text.delta").map((e) => e.delta as string).join("");
    const done = events.find((e) => e.type === "response.output_text.done")!;
    expect(done.text).toBe(joined);
    const completed = responseSchema.parse(events.at(-1)!.response);
    expect(outputText(completed)).toBe(joined);
    expect(responseSchema.parse(events[0]!.response).status).toBe("in_progress");
  });

  it("works with the SDK's stream iterator", async () => {
    const stream = await client.responses.create({ model: "offline-echo", input: "streamed", stream: true });
    const types: string[] = [];
    let text = "";
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "response.output_text.delta") text += event.delta;
    }
    expect(types[0]).toBe("response.created");
    expect(types.at(-1)).toBe("response.completed");
    expect(text).toContain('Last user message: "streamed"');
  });

  it("works with responses.stream() and finalResponse(), and the result is retrievable", async () => {
    const runner = client.responses.stream({ model: "offline-assistant", input: "what is 2+2?" });
    let deltas = "";
    runner.on("response.output_text.delta", (event) => {
      deltas += event.delta;
    });
    const final = await runner.finalResponse();
    expect(final.status).toBe("completed");
    expect(final.output_text).toBe(deltas);
    expect(final.output_text).toContain("**4**");
    const stored = await client.responses.retrieve(final.id);
    expect(stored.status).toBe("completed");
    expect(stored.output_text).toBe(final.output_text);
  });

  it("paces deltas by x-arbor-offline-tps and delays the first token by x-arbor-offline-ttft-ms", async () => {
    const started = Date.now();
    const res = await post(
      { model: "offline-assistant", input: "hello", stream: true },
      { "x-arbor-offline-tps": "200", "x-arbor-offline-ttft-ms": "300" },
    );
    const events = parseSse(await res.text());
    const deltas = events.filter((e) => e.type === "response.output_text.delta").length;
    expect(Date.now() - started).toBeGreaterThanOrEqual(300 + deltas * 5 - 20);
  });
});

describe("stored responses", () => {
  it("retrieves, lists input items and deletes", async () => {
    const created = await client.responses.create({ model: "offline-echo", input: "keep me" });
    const retrieved = await client.responses.retrieve(created.id);
    expect(responseSchema.parse(retrieved)).toMatchObject({ id: created.id, status: "completed" });
    expect(retrieved.output_text).toBe(created.output_text);
    // Stored as json (text kept as sent), so it comes back in OpenAI's key order.
    const raw = (await (await fetch(`${server.url}/v1/responses/${created.id}`)).json()) as Record<string, unknown>;
    expect(Object.keys(raw).slice(0, 4)).toEqual(["id", "object", "created_at", "status"]);

    const items = await client.responses.inputItems.list(created.id);
    expect(items.data).toHaveLength(1);
    expect(items.data[0]).toMatchObject({ type: "message", role: "user", status: "completed", content: [{ type: "input_text", text: "keep me" }] });
    expect(items.data[0]!.id).toMatch(/^msg_/);

    const deleted: unknown = await client.responses.delete(created.id); // typed void by the SDK, but OpenAI sends a body
    expect(deleted).toEqual({ id: created.id, object: "response", deleted: true });
    await expectApiError(client.responses.retrieve(created.id), 404, null);
    await expectApiError(client.responses.delete(created.id), 404, null);
  });

  it("pages input items with order, limit and after", async () => {
    const input = ["a", "b", "c"].map((text) => ({ role: "user" as const, content: text }));
    const created = await client.responses.create({ model: "offline-echo", input });
    const url = `${server.url}/v1/responses/${created.id}/input_items`;
    const desc = responseItemListSchema.parse(await (await fetch(`${url}?limit=2`)).json());
    const texts = (list: { data: unknown[] }) =>
      list.data.map((item) => (item as { content: { text: string }[] }).content[0]!.text);
    expect(texts(desc)).toEqual(["c", "b"]);
    expect(desc.has_more).toBe(true);
    expect(desc.first_id).toBe(desc.data[0]!.id);
    const next = responseItemListSchema.parse(await (await fetch(`${url}?limit=2&after=${desc.last_id}`)).json());
    expect(texts(next)).toEqual(["a"]);
    expect(next.has_more).toBe(false);
    const asc = responseItemListSchema.parse(await (await fetch(`${url}?order=asc`)).json());
    expect(texts(asc)).toEqual(["a", "b", "c"]);
  });

  it("refuses to cancel a response that was not created in the background", async () => {
    const created = await client.responses.create({ model: "offline-echo", input: "x" });
    const err = await expectApiError(client.responses.cancel(created.id), 400, null);
    expect(err.message).toMatch(/background/);
  });
});

describe("previous_response_id", () => {
  it("resolves the stored chain: the echo reports turns, history and ids", async () => {
    const first = await client.responses.create({ model: "offline-echo", input: "first question" });
    const second = await client.responses.create({ model: "offline-echo", input: "second question", previous_response_id: first.id });
    const fork = await client.responses.create({ model: "offline-echo", input: "a fork", previous_response_id: second.id });
    expect(fork.previous_response_id).toBe(second.id);
    expect(fork.output_text).toContain("Turns: 5 (3 user, 2 assistant)");
    expect(fork.output_text).toContain(`History: previous_response_id ${second.id} (2 stored responses)`);
    expect(fork.output_text).toContain(`Chain: ${first.id} → ${second.id}`);
    expect(fork.output_text).toContain('Last user message: "a fork"');

    // A sibling fork of the first response sees only the first turn.
    const sibling = await client.responses.create({ model: "offline-echo", input: "other branch", previous_response_id: first.id });
    expect(sibling.output_text).toContain("Turns: 3 (2 user, 1 assistant)");
    expect(sibling.output_text).toContain(`History: previous_response_id ${first.id} (1 stored response)`);
  });

  it("does not inherit instructions from the chain", async () => {
    const first = await client.responses.create({ model: "offline-echo", input: "one", instructions: "Talk like a pirate." });
    const second = await client.responses.create({ model: "offline-echo", input: "two", previous_response_id: first.id });
    expect(second.instructions).toBeNull();
    expect(second.output_text).toContain("Instructions: none");
  });

  it("reports history replayed in input when there is no previous_response_id", async () => {
    const response = await client.responses.create({
      model: "offline-echo",
      input: [
        { role: "user", content: "q1" },
        { role: "assistant", content: "a1" },
        { role: "user", content: "q2" },
        { role: "assistant", content: "a2" },
        { role: "user", content: "q3" },
      ],
      tools: [{ type: "function", name: "get_weather", parameters: { type: "object", properties: {} }, strict: true }],
    });
    expect(response.output_text).toContain("Turns: 5 (3 user, 2 assistant)");
    expect(response.output_text).toContain("History: replayed in input (4 items)");
    expect(response.output_text).toContain("Tools: get_weather (function)");
    const plain = await client.responses.create({ model: "offline-echo", input: "alone" });
    expect(plain.output_text).toContain("History: none");
    expect(plain.output_text).toContain("Tools: none");
  });

  it("gives previous_response_not_found for an unknown id", async () => {
    await expectApiError(
      client.responses.create({ model: "offline-echo", input: "x", previous_response_id: "resp_unknown" }),
      400,
      "previous_response_not_found",
      "previous_response_id",
    );
  });
});

describe("store: false", () => {
  it("is not retrievable and cannot be chained to", async () => {
    const response = await client.responses.create({ model: "offline-echo", input: "forget me", store: false });
    expect(responseSchema.parse(response).store).toBe(false);
    expect(response.status).toBe("completed");
    await expectApiError(client.responses.retrieve(response.id), 404, null);
    await expectApiError(client.responses.inputItems.list(response.id), 404, null);
    await expectApiError(
      client.responses.create({ model: "offline-echo", input: "again", previous_response_id: response.id }),
      400,
      "previous_response_not_found",
      "previous_response_id",
    );
  });

  it("is not stored when streamed either", async () => {
    const res = await post({ model: "offline-echo", input: "forget me", stream: true, store: false });
    const events = parseSse(await res.text());
    const id = responseSchema.parse(events.at(-1)!.response).id;
    await expectApiError(client.responses.retrieve(id), 404, null);
  });
});

describe("request validation", () => {
  it("rejects an unknown model with model_not_found", async () => {
    await expectApiError(client.responses.create({ model: "gpt-4o", input: "x" }), 400, "model_not_found", "model");
  });

  it("rejects a missing model", async () => {
    const res = await post({ input: "x" });
    expect(res.status).toBe(400);
    const body = apiErrorBodySchema.parse(await res.json());
    expect(body.error).toMatchObject({ type: "invalid_request_error", param: "model" });
  });

  it("rejects malformed JSON and a bad input type with the OpenAI error shape", async () => {
    const malformed = await post("{not json");
    expect(malformed.status).toBe(400);
    expect(apiErrorBodySchema.parse(await malformed.json()).error.type).toBe("invalid_request_error");
    const badInput = await post({ model: "offline-echo", input: 42 });
    expect(badInput.status).toBe(400);
    expect(apiErrorBodySchema.parse(await badInput.json()).error.param).toBe("input");
  });

  it("answers 404 in the OpenAI shape for unknown routes", async () => {
    const res = await fetch(`${server.url}/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect(apiErrorBodySchema.parse(await res.json()).error.message).toMatch(/Invalid URL/);
  });
});

describe("models", () => {
  it("lists and retrieves the two offline models", async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id).sort()).toEqual(["offline-assistant", "offline-echo"]);
    for (const model of page.data) expect(model).toMatchObject({ object: "model", owned_by: "arbor-offline", created: expect.any(Number) as number });
    expect((await client.models.retrieve("offline-echo")).id).toBe("offline-echo");
    await expectApiError(client.models.retrieve("gpt-4o"), 404, "model_not_found");
  });
});

describe("fault injection", () => {
  it("answers 429 with retry-after and a rate-limit body", async () => {
    const res = await post({ model: "offline-echo", input: "x" }, { "x-arbor-fault": "429" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(apiErrorBodySchema.parse(await res.json()).error).toMatchObject({ type: "requests", code: "rate_limit_exceeded" });
    await expectApiError(
      client.responses.create({ model: "offline-echo", input: "x" }, { headers: { "x-arbor-fault": "429" } }),
      429,
      "rate_limit_exceeded",
    );
  });

  it("answers 500", async () => {
    await expectApiError(
      client.responses.create({ model: "offline-echo", input: "x" }, { headers: { "x-arbor-fault": "500" } }),
      500,
      "server_error",
    );
  });

  it("cuts the stream after N events without a terminal event or [DONE]", async () => {
    const res = await post({ model: "offline-echo", input: "x", stream: true }, { "x-arbor-fault": "cut:5" });
    const text = await res.text();
    expect(text).not.toContain("[DONE]");
    const frames = text.split("\n\n").filter((frame) => frame.trim() !== "");
    expect(frames).toHaveLength(5);
    expect(text).not.toContain("response.completed");
  });

  it("fails mid-stream with an error event then response.failed", async () => {
    const res = await post({ model: "offline-echo", input: "x", stream: true }, { "x-arbor-fault": "fail:4" });
    const events = parseSse(await res.text());
    expect(events.map((e) => e.type).slice(-2)).toEqual(["error", "response.failed"]);
    expect(events).toHaveLength(6);
    expect(events.map((e) => e.sequence_number)).toEqual([0, 1, 2, 3, 4, 5]);
    const failed = responseSchema.parse(events.at(-1)!.response);
    expect(failed.status).toBe("failed");
    expect(failed.error?.code).toBe("server_error");
    expect((await client.responses.retrieve(failed.id)).status).toBe("failed");
  });

  it("reads faults from metadata when headers cannot be set", async () => {
    const res = await post({ model: "offline-echo", input: "x", metadata: { arbor_fault: "429" } });
    expect(res.status).toBe(429);
  });
});

describe("request size", () => {
  it("refuses a body over the engine's limit with 413 and stores nothing", async () => {
    const huge = JSON.stringify({ model: "offline-echo", input: "x".repeat(33 * 1024 * 1024) });
    const response = await fetch(`${server.url}/v1/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: huge });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "request_too_large", type: "invalid_request_error" } });
  });
});
