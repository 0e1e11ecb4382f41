import { toFile } from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { responseSchema, streamEventSchemas, toolStreamEventSchemas } from "@/lib/responses/schemas";
import { offlineEngineForThisFile, streamEvents, type StreamedEvent } from "./support/offline";

// Every stream the offline engine emits for text, function calls, reasoning, images and multi-turn is checked event by
// event against the schemas of lib/responses/schemas.ts, which require what both OpenAI's spec and Open Responses
// require. A stream of those kinds may only use the events Open Responses defines.

const engine = offlineEngineForThisFile();
const MODELS = ["offline-assistant", "offline-echo"] as const;

const png = (() => {
  const bytes = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write("IHDR", 12, "latin1");
  bytes.writeUInt32BE(4, 16);
  bytes.writeUInt32BE(3, 20);
  return `data:image/png;base64,${bytes.toString("base64")}`;
})();

const weather = {
  type: "function",
  name: "get_weather",
  description: "Get the weather",
  strict: true,
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
};

type EventSchemas = Record<string, z.ZodType | undefined>;
const openResponsesEvents: EventSchemas = streamEventSchemas;
const hostedEvents: EventSchemas = { ...streamEventSchemas, ...toolStreamEventSchemas };

/** Check every event in full; `allowed` is the set of event schemas the stream may use. */
function expectConformant(events: readonly StreamedEvent[], allowed: EventSchemas) {
  for (const event of events) {
    const parsed = allowed[event.type]?.safeParse(event);
    expect(parsed, `event ${event.sequence_number} ${event.type} is not one the spec defines`).toBeDefined();
    expect(parsed?.success, `event ${event.sequence_number} ${event.type}: ${JSON.stringify(parsed?.error?.issues)}`).toBe(true);
  }
}

function finalResponse(events: readonly StreamedEvent[]): { id: string; output: { type: string; call_id?: string }[] } {
  const terminal = events.at(-1) as unknown as { response: { id: string; output: { type: string; call_id?: string }[] } };
  return terminal.response;
}

async function expectStoredConformant(id: string) {
  const stored = await (await fetch(`${engine.url}/v1/responses/${id}`)).json();
  const parsed = responseSchema.safeParse(stored);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
}

describe.each(MODELS)("Open Responses streams of %s", (model) => {
  const cases: [string, Record<string, unknown>][] = [
    ["text", { input: "Hello there, what is Arbor?" }],
    ["a function call", { input: "What's the weather in Paris?", tools: [weather] }],
    ["reasoning", { input: "Why is the sky blue?", reasoning: { effort: "medium", summary: "auto" } }],
    ["an image input", { input: [{ role: "user", content: [{ type: "input_text", text: "What is this?" }, { type: "input_image", image_url: png, detail: "auto" }] }] }],
    ["a replayed history", { input: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }, { role: "user", content: "more" }] }],
    ["max_output_tokens reached", { input: "Tell me a long story about telescopes and their makers, please", max_output_tokens: 16 }],
    ["an injected failure", { input: "Hello there", metadata: { arbor_fault: "fail:4" } }],
    ["a background run", { input: "Hello there", background: true }],
  ];

  it.each(cases)("%s", async (_name, body) => {
    const events = await streamEvents(engine, { model, ...body });
    expectConformant(events, openResponsesEvents);
    if (!body.metadata) await expectStoredConformant(finalResponse(events).id);
  });

  it("a chained turn, and a function_call_output answering a call", async () => {
    const first = finalResponse(await streamEvents(engine, { model, input: "What's the weather in Oslo?", tools: [weather], tool_choice: "required" }));
    const chained = await streamEvents(engine, { model, input: "And tomorrow?", previous_response_id: first.id, tools: [weather] });
    expectConformant(chained, openResponsesEvents);
    const call = first.output.find((item) => item.type === "function_call");
    if (model === "offline-assistant") expect(call).toBeDefined();
    if (!call) return;
    const answered = await streamEvents(engine, {
      model,
      previous_response_id: first.id,
      tools: [weather],
      input: [{ type: "function_call_output", call_id: call.call_id, output: '{"temp":20}' }],
    });
    expectConformant(answered, openResponsesEvents);
    await expectStoredConformant(finalResponse(answered).id);
  });
});

describe("hosted tools (OpenAI's extensions)", () => {
  let storeId: string;
  beforeAll(async () => {
    const file = await engine.client.files.create({ file: await toFile(Buffer.from("The observatory opens at dusk. Telescopes must be booked seven days ahead."), "guide.md"), purpose: "assistants" });
    storeId = (await engine.client.vectorStores.create({ name: "Guide", file_ids: [file.id] })).id;
  });

  const cases: [string, () => Record<string, unknown>][] = [
    ["web search", () => ({ input: "Who invented the telescope?", tools: [{ type: "web_search" }], include: ["web_search_call.action.sources"] })],
    ["file search", () => ({ input: "How far ahead must telescopes be booked?", tools: [{ type: "file_search", vector_store_ids: [storeId] }], include: ["file_search_call.results"] })],
    ["code interpreter", () => ({ input: "What is the mean of 2, 4 and 9?", tools: [{ type: "code_interpreter", container: { type: "auto" } }] })],
  ];

  it.each(cases)("%s: every event in full, and a Response envelope that passes both specs", async (_name, body) => {
    const events = await streamEvents(engine, { model: "offline-assistant", ...body() });
    expectConformant(events, hostedEvents);
    expect(events.some((e) => toolStreamEventSchemas[e.type as keyof typeof toolStreamEventSchemas])).toBe(true);
  });
});

describe("the schemas hold what Open Responses requires", () => {
  // ResponseResource's required list in Open Responses 2026-04-24.
  const REQUIRED = [
    "id", "object", "created_at", "completed_at", "status", "incomplete_details", "model", "previous_response_id", "instructions",
    "output", "error", "tools", "tool_choice", "truncation", "parallel_tool_calls", "text", "top_p", "presence_penalty",
    "frequency_penalty", "top_logprobs", "temperature", "reasoning", "usage", "max_output_tokens", "max_tool_calls", "store",
    "background", "service_tier", "metadata", "safety_identifier", "prompt_cache_key",
  ];

  it("rejects a Response missing any one required field, or a function call without id or status", async () => {
    const response = await engine.client.responses.create({ model: "offline-assistant", input: "What's the weather in Rome?", tools: [weather as never] });
    const json = JSON.parse(JSON.stringify(response)) as Record<string, unknown> & { output: Record<string, unknown>[] };
    delete json.output_text; // the SDK's convenience field, not part of the wire format
    expect(responseSchema.safeParse(json).success).toBe(true);
    for (const field of REQUIRED) {
      const { [field]: _dropped, ...rest } = json;
      expect(responseSchema.safeParse(rest).success, `without ${field}`).toBe(false);
    }
    for (const field of ["id", "status"]) {
      const { [field]: _dropped, ...call } = json.output[0]!;
      expect(responseSchema.safeParse({ ...json, output: [call] }).success, `function_call without ${field}`).toBe(false);
    }
  });

  it("rejects an error event without the Open Responses error payload", () => {
    const event = { type: "error", sequence_number: 3, code: "server_error", message: "boom", param: null };
    expect(streamEventSchemas.error.safeParse(event).success).toBe(false);
    expect(streamEventSchemas.error.safeParse({ ...event, error: { type: "server_error", code: "server_error", message: "boom", param: null } }).success).toBe(true);
  });
});
