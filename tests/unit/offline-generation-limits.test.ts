import Ajv from "ajv";
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { offlineResponses } from "@/lib/server/db/schema";
import { functionCallSchema, responseSchema } from "@/lib/responses/schemas";
import { expectApiError, offlineEngineForThisFile } from "./support/offline";

// User-given schemas drive what the engine generates: their patterns must run in linear time, and what they ask for
// must fit in bounds known before anything is stored.

const engine = offlineEngineForThisFile();
const ajv = new Ajv({ strict: false });

const storedResponses = async () => (await engine.database.db.select({ n: count() }).from(offlineResponses))[0]!.n;

const functionTool = (parameters: Record<string, unknown>) => ({ type: "function" as const, name: "check_code", description: "Check a code", strict: false, parameters });

function callArguments(response: { output: unknown[] }): unknown {
  const call = functionCallSchema.parse(response.output.find((item) => (item as { type: string }).type === "function_call"));
  return JSON.parse(call.arguments) as unknown;
}

describe("user-given patterns (ReDoS)", () => {
  // On a backtracking engine this pattern takes about 2^40 steps to refuse 40 characters.
  const evil = "^(a|a)+$";
  const input = `${"a".repeat(39)}!`;
  const forced = { tool_choice: "required" as const };

  it("answers a function call whose schema has a catastrophic pattern", async () => {
    const schema = { type: "object", properties: { query: { type: "string", pattern: evil } }, required: ["query"] };
    const response = await engine.client.responses.create({ model: "offline-assistant", input, tools: [functionTool(schema)], ...forced });
    expect(response.status).toBe("completed");
    // The message does not match the pattern; its one word does.
    expect(callArguments(response)).toEqual({ query: "a".repeat(39) });
  });

  it("answers a function call whose schema has a catastrophic patternProperties key", async () => {
    const schema = { type: "object", properties: { [input]: { type: "number" } }, patternProperties: { [evil]: { type: "string" } }, required: [input] };
    const response = await engine.client.responses.create({ model: "offline-assistant", input, tools: [functionTool(schema)], ...forced });
    expect(response.status).toBe("completed");
    expect(callArguments(response)).toEqual({ [input]: 0 });
  });

  it("reads a number after its name in linear time, however many spaces follow the name", async () => {
    // `\s*(?:is)?\s*` took quadratic time here: 200,000 spaces were about a minute.
    const schema = { type: "object", properties: { count: { type: "integer" } }, required: ["count"] };
    const response = await engine.client.responses.create({
      model: "offline-assistant",
      input: `count${" ".repeat(200_000)}x`,
      tools: [functionTool(schema)],
      ...forced,
    });
    expect(callArguments(response)).toEqual({ count: 0 });
  });

  it("answers a json_schema text format with a catastrophic pattern, and fills a pattern the message matches", async () => {
    const schema = {
      type: "object",
      properties: { query: { type: "string", pattern: evil }, name: { type: "string", pattern: "^[A-Z][a-z]+$" } },
      required: ["query", "name"],
      additionalProperties: false,
    };
    const response = await engine.client.responses.create({
      model: "offline-assistant",
      input: `${input} name Alice`,
      text: { format: { type: "json_schema", name: "check", schema, strict: false } },
    });
    expect(response.status).toBe("completed");
    const value = JSON.parse(response.output_text) as { query: string; name: string };
    expect(value).toEqual({ query: "a".repeat(39), name: "Alice" });
  });
});

describe("bounds on schema-driven generation", () => {
  it("refuses the 346-byte request that asked for a million items, before storing anything", async () => {
    const before = await storedResponses();
    const inner = { type: "array", minItems: 1000, items: { type: "string", minLength: 100 } };
    const schema = { type: "object", properties: { rows: { type: "array", minItems: 1000, items: inner } }, required: ["rows"] };
    const err = await expectApiError(
      engine.client.responses.create({ model: "offline-assistant", input: "check code rows", tools: [functionTool(schema)] }),
      400,
      "invalid_function_parameters",
      "tools[0].parameters",
    );
    expect(err.type).toBe("invalid_request_error");
    expect(err.message).toMatch(/minItems 1000 .* limit of 100 items/);
    expect(await storedResponses()).toBe(before);
  });

  it("refuses a string longer than the limit, in a text format too", async () => {
    const schema = { type: "object", properties: { code: { type: "string", minLength: 1_000_000_000 } }, required: ["code"] };
    const err = await expectApiError(
      engine.client.responses.create({ model: "offline-assistant", input: "x", text: { format: { type: "json_schema", name: "big", schema } } }),
      400,
      "invalid_json_schema",
      "text.format.schema",
    );
    expect(err.message).toMatch(/minLength 1000000000 .* limit of 10000 characters/);
  });

  it("refuses a schema whose smallest value is over the byte limit, each array within its own", async () => {
    const level = (items: object) => ({ type: "array", minItems: 100, items });
    const schema = { type: "object", properties: { cube: level(level(level({ type: "string", minLength: 10 }))) }, required: ["cube"] };
    const err = await expectApiError(
      engine.client.responses.create({ model: "offline-assistant", input: "check code cube", tools: [functionTool(schema)] }),
      400,
      "invalid_function_parameters",
    );
    expect(err.message).toMatch(/over the offline engine's limit of 256 KiB/);
  });

  it("refuses a schema whose required properties nest without end", async () => {
    const schema = { type: "object", properties: { next: { $ref: "#" } }, required: ["next"] };
    const err = await expectApiError(
      engine.client.responses.create({ model: "offline-assistant", input: "check code", tools: [functionTool(schema)] }),
      400,
      "invalid_function_parameters",
    );
    expect(err.message).toMatch(/nests more than 16 levels/);
  });

  it("still answers a recursive schema whose recursion can stop, with a value that validates", async () => {
    // OpenAI's own example of a recursive structured output.
    const schema = {
      type: "object",
      properties: { label: { type: "string" }, children: { type: "array", items: { $ref: "#" } } },
      required: ["label", "children"],
      additionalProperties: false,
    };
    const response = await engine.client.responses.create({
      model: "offline-assistant",
      input: "A menu labelled Home",
      text: { format: { type: "json_schema", name: "ui", schema, strict: true } },
    });
    responseSchema.parse(response);
    const value: unknown = JSON.parse(response.output_text);
    expect(ajv.validate(schema, value), JSON.stringify(ajv.errors)).toBe(true);
  });

  it("keeps what a long message fills in within the bounds", async () => {
    const schema = { type: "object", properties: { query: { type: "string" } }, required: ["query"] };
    const response = await engine.client.responses.create({
      model: "offline-assistant",
      input: `check code ${"word ".repeat(10_000)}`,
      tools: [functionTool(schema)],
    });
    const args = callArguments(response) as { query: string };
    expect(args.query.length).toBeLessThanOrEqual(10_000);
    expect(args.query.startsWith("check code word")).toBe(true);
  });
});
