import type OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { apiErrorBodySchema, compactedResponseSchema, compactionItemSchema } from "@/lib/responses/schemas";
import { expectApiError, offlineEngineForThisFile } from "./support/offline";

const engine = offlineEngineForThisFile();

const conversation: OpenAI.Responses.ResponseInputItem[] = [
  { role: "user", content: "Plan a picnic." },
  { role: "assistant", content: "Bring bread, cheese and a blanket." },
  { role: "user", content: "And drinks?" },
  { role: "assistant", content: "Lemonade and water." },
];

/** The user texts of a compacted output, in order. */
function userTexts(output: unknown[]): string[] {
  return output.flatMap((item) => {
    const message = item as { type: string; content?: { text: string }[] };
    return message.type === "message" ? [message.content![0]!.text] : [];
  });
}

describe("POST /responses/compact", () => {
  it("keeps every user message and folds the rest into one compaction item", async () => {
    const compacted = compactedResponseSchema.parse(await engine.client.responses.compact({ model: "offline-echo", input: conversation }));
    expect(compacted.object).toBe("response.compaction");
    expect(compacted.id).toMatch(/^resp_/);
    expect(userTexts(compacted.output)).toEqual(["Plan a picnic.", "And drinks?"]);
    expect(compacted.output).toHaveLength(3);
    const compaction = compactionItemSchema.parse(compacted.output.at(-1));
    expect(compaction.id).toMatch(/^cmp_/);
    expect(compacted.usage.input_tokens).toBeGreaterThan(0);
    expect(compacted.usage.total_tokens).toBe(compacted.usage.input_tokens + compacted.usage.output_tokens);

    // Deterministic: the same conversation compacts to the same content.
    const again = compactedResponseSchema.parse(await engine.client.responses.compact({ model: "offline-echo", input: conversation }));
    expect(compactionItemSchema.parse(again.output.at(-1)).encrypted_content).toBe(compaction.encrypted_content);
  });

  it("gives output a next create accepts as input, and the model sees the compacted history", async () => {
    const compacted = await engine.client.responses.compact({ model: "offline-echo", input: conversation });
    const next = await engine.client.responses.create({
      model: "offline-echo",
      input: [...(compacted.output as OpenAI.Responses.ResponseInputItem[]), { role: "user", content: "Where shall we go?" }],
    });
    expect(next.status).toBe("completed");
    expect(next.output_text).toContain("Turns: 3 (3 user, 0 assistant)");
    expect(next.output_text).toContain("- Compacted: 1 compaction item standing for 2 earlier items");
    expect(next.output_text).toContain('Last user message: "Where shall we go?"');
    // The stored turn keeps the compaction item, so a chained call still sees it.
    const chained = await engine.client.responses.create({ model: "offline-echo", input: "Thanks", previous_response_id: next.id });
    expect(chained.output_text).toContain("standing for 2 earlier items");
  });

  it("compacts a stored chain named by previous_response_id", async () => {
    const first = await engine.client.responses.create({ model: "offline-echo", input: "first" });
    const second = await engine.client.responses.create({ model: "offline-echo", input: "second", previous_response_id: first.id });
    const compacted = compactedResponseSchema.parse(
      await engine.client.responses.compact({ model: "offline-echo", previous_response_id: second.id, input: "third" }),
    );
    expect(userTexts(compacted.output)).toEqual(["first", "second", "third"]);
    const next = await engine.client.responses.create({ model: "offline-echo", input: compacted.output as OpenAI.Responses.ResponseInputItem[] });
    expect(next.output_text).toContain("standing for 2 earlier items");
  });

  it("folds an earlier compaction into the new one", async () => {
    const first = await engine.client.responses.compact({ model: "offline-echo", input: conversation });
    const second = compactedResponseSchema.parse(
      await engine.client.responses.compact({
        model: "offline-echo",
        input: [
          ...(first.output as OpenAI.Responses.ResponseInputItem[]),
          { role: "user", content: "Any games?" },
          { role: "assistant", content: "Frisbee." },
        ],
      }),
    );
    expect(second.output.filter((item) => item.type === "compaction")).toHaveLength(1);
    const next = await engine.client.responses.create({ model: "offline-echo", input: second.output as OpenAI.Responses.ResponseInputItem[] });
    expect(next.output_text).toContain("standing for 3 earlier items");
  });

  it("rejects an unknown previous_response_id, a bad model and an empty request", async () => {
    await expectApiError(
      engine.client.responses.compact({ model: "offline-echo", previous_response_id: "resp_unknown" }),
      400,
      "previous_response_not_found",
      "previous_response_id",
    );
    await expectApiError(engine.client.responses.compact({ model: "gpt-4o", input: "x" }), 400, "model_not_found", "model");
    await expectApiError(engine.client.responses.compact({ model: "offline-echo" }), 400, "missing_required_parameter", "input");
    const badInput = await fetch(`${engine.url}/v1/responses/compact`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "offline-echo", input: 42 }),
    });
    expect(badInput.status).toBe(400);
    expect(apiErrorBodySchema.parse(await badInput.json()).error.param).toBe("input");
  });

  it("refuses a compaction item it did not make", async () => {
    await expectApiError(
      engine.client.responses.create({
        model: "offline-echo",
        input: [{ type: "compaction", encrypted_content: "not ours" }, { role: "user", content: "hi" }],
      }),
      400,
      "invalid_encrypted_content",
      "input[0].encrypted_content",
    );
  });
});
