import Ajv from "ajv";
import OpenAI from "openai";
import type { FunctionTool } from "openai/resources/responses/responses";
import { describe, expect, it } from "vitest";
import { valueForSchema } from "@/lib/offline/tools/schema-values";
import { functionCallSchema, responseSchema } from "@/lib/responses/schemas";
import { offlineEngineForThisFile, streamEvents } from "./support/offline";

const engine = offlineEngineForThisFile();

const weather: FunctionTool = {
  type: "function",
  name: "get_weather",
  description: "Get the current weather for a city",
  strict: true,
  parameters: {
    type: "object",
    properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
    required: ["city", "unit"],
    additionalProperties: false,
  },
};
const time: FunctionTool = {
  type: "function",
  name: "get_local_time",
  description: "Tell the local time in a city",
  strict: false,
  parameters: { type: "object", properties: { location: { type: "string" } }, required: ["location"] },
};

const ajv = new Ajv({ validateFormats: false });
type Call = { type: "function_call"; id: string; call_id: string; name: string; arguments: string; status: string };

function calls(response: { output: { type: string }[] }): Call[] {
  return response.output.filter((item): item is Call => item.type === "function_call").map((item) => functionCallSchema.parse(item) as Call);
}

function expectValidArguments(call: Call, tool: FunctionTool) {
  const validate = ajv.compile(tool.parameters!);
  expect(validate(JSON.parse(call.arguments)), JSON.stringify(validate.errors)).toBe(true);
}

describe("function tools (JSON)", () => {
  it("calls the function a message is about, with arguments that satisfy its schema", async () => {
    const response = responseSchema.parse(
      await engine.client.responses.create({ model: "offline-assistant", input: "What's the weather in Paris in fahrenheit?", tools: [weather] }),
    );
    expect(response.status).toBe("completed");
    expect(response.output.map((item) => item.type)).toEqual(["function_call"]);
    const [call] = calls(response);
    expect(call).toMatchObject({ name: "get_weather", status: "completed" });
    expect(call!.id).toMatch(/^fc_/);
    expect(call!.call_id).toMatch(/^call_/);
    expect(JSON.parse(call!.arguments)).toEqual({ city: "Paris", unit: "fahrenheit" });
    expectValidArguments(call!, weather);
  });

  it("honours tool_choice none, required and a named function", async () => {
    const base = { model: "offline-assistant", tools: [weather, time] };
    const none = await engine.client.responses.create({ ...base, input: "Weather in Oslo?", tool_choice: "none" });
    expect(none.output.map((item) => item.type)).toEqual(["message"]);
    const required = await engine.client.responses.create({ ...base, input: "Hello there", tool_choice: "required" });
    expect(calls(required).map((c) => c.name)).toEqual(["get_weather"]);
    const named = await engine.client.responses.create({ ...base, input: "Weather in Oslo?", tool_choice: { type: "function", name: "get_local_time" } });
    expect(calls(named).map((c) => c.name)).toEqual(["get_local_time"]);
    expect(JSON.parse(calls(named)[0]!.arguments)).toEqual({ location: "Oslo" });
    const unrelated = await engine.client.responses.create({ ...base, input: "Tell me a joke" });
    expect(unrelated.output.map((item) => item.type)).toEqual(["message"]);
  });

  it("makes parallel calls, or one when parallel_tool_calls is false", async () => {
    const input = "What's the weather and the local time in Tokyo?";
    const parallel = await engine.client.responses.create({ model: "offline-assistant", input, tools: [weather, time] });
    expect(calls(parallel).map((c) => c.name).sort()).toEqual(["get_local_time", "get_weather"]);
    calls(parallel).forEach((call) => expectValidArguments(call, call.name === "get_weather" ? weather : time));
    const single = await engine.client.responses.create({ model: "offline-assistant", input, tools: [weather, time], parallel_tool_calls: false });
    expect(calls(single)).toHaveLength(1);
    expect(single.parallel_tool_calls).toBe(false);
    const places = await engine.client.responses.create({ model: "offline-assistant", input: "Weather in Paris, New York and Rome?", tools: [weather] });
    expect(calls(places).map((c) => (JSON.parse(c.arguments) as { city: string }).city)).toEqual(["Paris", "New York", "Rome"]);
    // max_tool_calls is in OpenAI's spec but not in the SDK's request types: the bodies are built apart to pass it.
    const cappedBody = { model: "offline-assistant", input, tools: [weather, time], max_tool_calls: 1 };
    expect(calls(await engine.client.responses.create(cappedBody))).toHaveLength(1);
    const noCallsBody = { ...cappedBody, max_tool_calls: 0 };
    const noCalls = await engine.client.responses.create(noCallsBody);
    expect(noCalls.output.map((item) => item.type)).toEqual(["message"]);
  });

  it("answers from function_call_output after a call, chained with previous_response_id", async () => {
    const first = await engine.client.responses.create({ model: "offline-assistant", input: "Weather in Lima?", tools: [weather] });
    const [call] = calls(first);
    const second = await engine.client.responses.create({
      model: "offline-assistant",
      previous_response_id: first.id,
      tools: [weather],
      input: [{ type: "function_call_output", call_id: call!.call_id, output: JSON.stringify({ temperature: "19°C", sky: "cloudy" }) }],
    });
    responseSchema.parse(second);
    expect(second.output.map((item) => item.type)).toEqual(["message"]);
    expect(second.output_text).toContain("`get_weather` returned");
    expect(second.output_text).toContain("- temperature: 19°C");
    expect(second.output_text).toContain("- sky: cloudy");
  });

  it("answers from outputs replayed in the input without a chain", async () => {
    const response = await engine.client.responses.create({
      model: "offline-assistant",
      tools: [weather],
      input: [
        { role: "user", content: "Weather in Rome?" },
        { type: "function_call", call_id: "call_1", name: "get_weather", arguments: '{"city":"Rome","unit":"celsius"}' },
        { type: "function_call_output", call_id: "call_1", output: "Sunny and 24 degrees" },
      ],
    });
    expect(response.output_text).toContain("> Sunny and 24 degrees");
  });

  it("rejects parameters that are not a JSON schema with an OpenAI-shaped 400", async () => {
    for (const parameters of [{ type: "object", properties: { a: { type: "strnig" } } }, { type: "string" }]) {
      const err: unknown = await engine.client.responses
        .create({ model: "offline-assistant", input: "x", tools: [{ ...weather, parameters }] })
        .then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      expect(err).toMatchObject({ status: 400, code: "invalid_function_parameters", param: "tools[0].parameters" });
    }
  });
});

describe("include", () => {
  it("rejects a value outside OpenAI's IncludeEnum", async () => {
    const body = { model: "offline-assistant", input: "x", include: ["reasoning.everything"] };
    const err: unknown = await engine.client.responses.create(body as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ status: 400, param: "include[0]" });
  });
});

describe("function tools (stream)", () => {
  it("streams added, argument deltas, done, item done; deltas join to the arguments", async () => {
    const events = await streamEvents(engine, { model: "offline-assistant", input: "Weather in Cairo?", tools: [weather] });
    const types = events.map((e) => e.type).filter((t, i, all) => !(t.endsWith(".delta") && all[i - 1] === t));
    expect(types).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events[2]).toMatchObject({ item: { type: "function_call", status: "in_progress", arguments: "", name: "get_weather" } });
    const deltas = events.filter((e) => e.type === "response.function_call_arguments.delta").map((e) => e.delta as string);
    const done = events.find((e) => e.type === "response.function_call_arguments.done")!;
    expect(deltas.join("")).toBe(done.arguments);
    expect(done).toMatchObject({ name: "get_weather" });
    expect(JSON.parse(done.arguments as string)).toEqual({ city: "Cairo", unit: "celsius" });
  });

  it("passes the SDK's stream helper", async () => {
    const final = await engine.client.responses.stream({ model: "offline-assistant", input: "Weather in Cairo?", tools: [weather] }).finalResponse();
    responseSchema.parse(final);
    expectValidArguments(calls(final)[0]!, weather);
  });
});

describe("valueForSchema", () => {
  it("builds values that validate: enums, bounds, arrays, nested and nullable properties", () => {
    const schema = {
      type: "object",
      properties: {
        title: { type: "string", minLength: 3, maxLength: 20 },
        priority: { type: "string", enum: ["low", "normal", "high"] },
        count: { type: "integer", minimum: 1, maximum: 5 },
        scores: { type: "array", items: { type: "number" }, minItems: 1 },
        owner: { type: "object", properties: { email: { type: "string", format: "email" } }, required: ["email"] },
        note: { anyOf: [{ type: "string" }, { type: "null" }] },
        done: { type: "boolean" },
      },
      required: ["title", "priority", "count", "scores", "owner", "note", "done"],
      additionalProperties: false,
    };
    const value = valueForSchema(schema, "Add a high priority task titled Groceries with scores 3 and 4.5 for ann@example.org") as Record<string, unknown>;
    expect(ajv.validate(schema, value), JSON.stringify(ajv.errors)).toBe(true);
    expect(value).toMatchObject({ priority: "high", scores: [3, 4.5], owner: { email: "ann@example.org" } });
  });

  it("follows local $ref references, as generated schemas use them", () => {
    const schema = {
      type: "object",
      $defs: { Stop: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
      properties: { stops: { type: "array", items: { $ref: "#/$defs/Stop" }, minItems: 1 } },
      required: ["stops"],
    };
    const value = valueForSchema(schema, "Route to Vienna");
    expect(ajv.validate(schema, value), JSON.stringify(ajv.errors)).toBe(true);
    expect(value).toEqual({ stops: [{ city: "Vienna" }] });
  });
});

describe("function_call_output", () => {
  it("is refused when its call_id answers no function call of the conversation", async () => {
    const err: unknown = await engine.client.responses
      .create({ model: "offline-assistant", input: [{ type: "function_call_output", call_id: "call_nope", output: "{}" }] })
      .then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ status: 400, param: "input[0]", message: expect.stringContaining("call_nope") as unknown });
  });
});
