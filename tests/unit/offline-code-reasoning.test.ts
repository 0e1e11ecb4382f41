import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { planCodeRun } from "@/lib/offline/tools/code-interpreter";
import { codeInterpreterCallSchema, reasoningItemSchema, responseSchema } from "@/lib/responses/schemas";
import { offlineEngineForThisFile, streamEvents, type StreamedEvent } from "./support/offline";

const engine = offlineEngineForThisFile();

/** StreamedEvent types, with runs of one delta type folded into one entry. */
function shape(events: readonly StreamedEvent[]): string[] {
  return events.map((e) => e.type).filter((t, i, all) => !(t.endsWith(".delta") && all[i - 1] === t));
}

const messageEvents = [
  "response.output_item.added",
  "response.content_part.added",
  "response.output_text.delta",
  "response.output_text.done",
  "response.content_part.done",
  "response.output_item.done",
];

const codeTool = { type: "code_interpreter" as const, container: { type: "auto" as const } };
const stats = { model: "offline-assistant", input: "What is the mean of 2, 4 and 9?", tools: [codeTool] };

describe("code_interpreter", () => {
  it("runs statistics, shows the code, logs when included, and answers the result", async () => {
    const response = responseSchema.parse(await engine.client.responses.create({ ...stats, include: ["code_interpreter_call.outputs"] }));
    const call = codeInterpreterCallSchema.parse(response.output[0]);
    expect(call).toMatchObject({ status: "completed", outputs: [{ type: "logs", logs: "5" }] });
    expect(call.id).toMatch(/^ci_/);
    expect(call.container_id).toMatch(/^cntr_/);
    expect(call.code).toContain("import statistics");
    expect(call.code).toContain("statistics.mean(data)");
    const text = (response.output[1] as { content: { text: string }[] }).content[0]!.text;
    expect(text).toBe("The mean of [2, 4, 9] is **5**.");
  });

  it("leaves outputs null without include, and computes median, stdev and arithmetic", async () => {
    const response = await engine.client.responses.create(stats);
    expect(codeInterpreterCallSchema.parse(response.output[0]).outputs).toBeNull();
    expect(planCodeRun("median and standard deviation of 1, 2, 3, 4")?.logs).toBe(`2.5\n${Math.sqrt(5 / 3)}`);
    expect(planCodeRun("sum of 1.5, 2.5")?.answer).toBe("The sum of [1.5, 2.5] is **4**.");
    expect(planCodeRun("use python to compute (3 + 4) * 5")).toMatchObject({ code: "print((3 + 4) * 5)", logs: "35" });
    expect(planCodeRun("Tell me about Python")).toBeNull();
  });

  it("streams its events in OpenAI's order, then the message", async () => {
    const events = await streamEvents(engine, stats);
    expect(shape(events)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.code_interpreter_call.in_progress",
      "response.code_interpreter_call_code.delta",
      "response.code_interpreter_call_code.done",
      "response.code_interpreter_call.interpreting",
      "response.code_interpreter_call.completed",
      "response.output_item.done",
      ...messageEvents,
      "response.completed",
    ]);
    const code = events.filter((e) => e.type === "response.code_interpreter_call_code.delta").map((e) => e.delta as string);
    expect(code.join("")).toBe(events.find((e) => e.type === "response.code_interpreter_call_code.done")!.code);
  });

  it("passes the SDK's stream helper", async () => {
    const final = await engine.client.responses.stream(stats).finalResponse();
    expect(final.output.map((item) => item.type)).toEqual(["code_interpreter_call", "message"]);
    expect(final.output_text).toContain("**5**");
  });
});

describe("reasoning", () => {
  const ask = { model: "offline-assistant", input: "Hello!" };

  it("adds a reasoning item first and counts reasoning tokens", async () => {
    const response = responseSchema.parse(await engine.client.responses.create({ ...ask, reasoning: { effort: "low" } }));
    expect(reasoningItemSchema.parse(response.output[0])).toMatchObject({ type: "reasoning", summary: [] });
    expect(response.output[0]!.id).toMatch(/^rs_/);
    expect(response.output[1]!.type).toBe("message");
    const usage = response.usage!;
    expect(usage.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    expect(usage.output_tokens).toBeGreaterThan(usage.output_tokens_details.reasoning_tokens);
    expect(response.reasoning).toEqual({ effort: "low", summary: null });
  });

  it("gives a summary when asked, and no reasoning for effort none", async () => {
    const response = await engine.client.responses.create({ ...ask, reasoning: { effort: "high", summary: "auto" } });
    const summary = reasoningItemSchema.parse(response.output[0]).summary;
    expect(summary).toHaveLength(1);
    expect(summary[0]!.text).toContain('The user asked: "Hello!"');
    expect(response.output[0]).not.toHaveProperty("encrypted_content");
    const encrypted = await engine.client.responses.create({ ...ask, reasoning: { effort: "low" }, include: ["reasoning.encrypted_content"] });
    expect(reasoningItemSchema.parse(encrypted.output[0]).encrypted_content).toEqual(expect.any(String));
    const none = await engine.client.responses.create({ ...ask, reasoning: { effort: "none" } });
    expect(none.output.map((item) => item.type)).toEqual(["message"]);
    expect(none.usage?.output_tokens_details.reasoning_tokens).toBe(0);
  });

  it("streams the summary part and text events before the message", async () => {
    const events = await streamEvents(engine, { ...ask, reasoning: { effort: "medium", summary: "detailed" } });
    expect(shape(events)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.reasoning_summary_part.added",
      "response.reasoning_summary_text.delta",
      "response.reasoning_summary_text.done",
      "response.reasoning_summary_part.done",
      "response.output_item.done",
      ...messageEvents,
      "response.completed",
    ]);
    const deltas = events.filter((e) => e.type === "response.reasoning_summary_text.delta").map((e) => e.delta as string);
    expect(deltas.join("")).toBe(events.find((e) => e.type === "response.reasoning_summary_text.done")!.text);
  });

  it("passes the SDK's stream helper, reasoning before a tool call", async () => {
    const final = await engine.client.responses
      .stream({ ...stats, reasoning: { effort: "low", summary: "concise" } })
      .finalResponse();
    expect(final.output.map((item) => item.type)).toEqual(["reasoning", "code_interpreter_call", "message"]);
    expect(final.usage!.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });
});

describe("text.format, images and offline-echo", () => {
  it("reports an image's format and size over the API, saying it cannot see it", async () => {
    const gif = Buffer.from("R0lGODlhAwACAIAAAP///wAAACwAAAAAAwACAAACAoRRADs=", "base64"); // a 3 × 2 GIF
    const response = await engine.client.responses.create({
      model: "offline-assistant",
      input: [
        {
          role: "user",
          content: [
            { type: "input_text", text: "What is this?" },
            { type: "input_image", image_url: `data:image/gif;base64,${gif.toString("base64")}`, detail: "auto" },
          ],
        },
      ],
    });
    expect(response.output_text).toContain("a GIF image, 3 × 2 pixels");
    expect(response.output_text).toContain("I cannot see what a picture shows");
  });

  it("answers JSON that validates against a json_schema format", async () => {
    const schema = {
      type: "object",
      properties: { destination: { type: "string" }, days: { type: "integer", minimum: 1 }, pace: { type: "string", enum: ["slow", "fast"] } },
      required: ["destination", "days", "pace"],
      additionalProperties: false,
    };
    const response = await engine.client.responses.create({
      model: "offline-assistant",
      input: "Plan a fast trip to Kyoto for 4 days",
      text: { format: { type: "json_schema", name: "trip", schema, strict: true } },
    });
    const value: unknown = JSON.parse(response.output_text);
    expect(new Ajv().validate(schema, value)).toBe(true);
    expect(value).toEqual({ destination: "Kyoto", days: 4, pace: "fast" });
    const object = await engine.client.responses.create({ model: "offline-assistant", input: "Hello", text: { format: { type: "json_object" } } });
    expect(JSON.parse(object.output_text)).toEqual({ answer: expect.stringContaining("Hello!") as string });
  });

  it("rejects a json_schema format whose schema is not a JSON schema", async () => {
    const err: unknown = await engine.client.responses
      .create({ model: "offline-assistant", input: "x", text: { format: { type: "json_schema", name: "bad", schema: { type: 5 } } } })
      .then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ status: 400, code: "invalid_json_schema", param: "text.format.schema" });
  });

  it("offline-echo still answers with one message and lists the tools offered", async () => {
    const response = await engine.client.responses.create({
      model: "offline-echo",
      input: "What's the weather in Paris?",
      tools: [{ type: "web_search" }, codeTool, { type: "function", name: "get_weather", parameters: null, strict: false }],
    });
    expect(response.output.map((item) => item.type)).toEqual(["message"]);
    expect(response.output_text).toContain("- Tools: web_search, code_interpreter, get_weather (function)");
  });
});
