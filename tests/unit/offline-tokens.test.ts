import { describe, expect, it } from "vitest";
import { expectApiError, offlineEngineForThisFile } from "./support/offline";

const engine = offlineEngineForThisFile();

const weather = {
  type: "function" as const,
  name: "get_weather",
  description: "Weather in a city",
  strict: true,
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
};

describe("POST /responses/input_tokens", () => {
  it("counts what a create with the same body is charged: input, instructions, tools and the chain", async () => {
    const client = engine.client;
    const body = { model: "offline-echo", input: "Count the tokens of this sentence, please.", instructions: "Be brief." };
    const counted = await client.responses.inputTokens.count(body);
    expect(counted.object).toBe("response.input_tokens");
    const created = await client.responses.create(body);
    expect(counted.input_tokens).toBe(created.usage!.input_tokens);

    const withTools = await client.responses.inputTokens.count({ ...body, tools: [weather] });
    expect(withTools.input_tokens).toBeGreaterThan(counted.input_tokens);

    const next = { model: "offline-echo", input: "And a second turn.", previous_response_id: created.id, instructions: "Be brief." };
    const chained = await client.responses.inputTokens.count(next);
    expect(chained.input_tokens).toBe((await client.responses.create(next)).usage!.input_tokens);
  });

  it("answers previous_response_not_found and bad input like create does", async () => {
    await expectApiError(engine.client.responses.inputTokens.count({ model: "offline-echo", input: "x", previous_response_id: "resp_nope" }), 400, "previous_response_not_found");
    await expectApiError(engine.client.responses.inputTokens.count({ model: "offline-echo", input: 42 as never }), 400, "invalid_value", "input");
  });
});

describe("cached_tokens", () => {
  it("are the chain's prefix the engine already holds, and none without a chain or with new instructions", async () => {
    const client = engine.client;
    const first = await client.responses.create({ model: "offline-echo", input: "The first turn of a long conversation.", instructions: "Answer." });
    expect(first.usage!.input_tokens_details.cached_tokens).toBe(0);

    const second = await client.responses.create({ model: "offline-echo", input: "Second.", instructions: "Answer.", previous_response_id: first.id });
    const held = second.usage!.input_tokens_details.cached_tokens;
    // The prefix is the instructions, the first input and the first output: everything of this call but its own input.
    const ownInput = (await client.responses.inputTokens.count({ model: "offline-echo", input: "Second." })).input_tokens;
    expect(held).toBe(second.usage!.input_tokens - ownInput);
    expect(held).toBeGreaterThan(0);

    const newInstructions = await client.responses.create({ model: "offline-echo", input: "Second.", instructions: "Answer in French.", previous_response_id: first.id });
    expect(newInstructions.usage!.input_tokens_details.cached_tokens).toBe(0);

    const replayed = await client.responses.create({
      model: "offline-echo",
      instructions: "Answer.",
      input: [{ role: "user", content: "The first turn of a long conversation." }, { role: "assistant", content: "Something." }, { role: "user", content: "Second." }],
    });
    expect(replayed.usage!.input_tokens_details.cached_tokens).toBe(0);
  });
});
