import { writeFileSync } from "node:fs";
import type OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { compactionItemSchema, newerStreamEventSchemas, responseSchema, streamEventSchemas } from "@/lib/responses/schemas";
import type { ResponseCompactionCompactingEvent } from "@/lib/responses/types";
import { expectApiError, offlineEngineForThisFile, streamEvents, type StreamedEvent } from "./support/offline";

// Server-side compaction: `context_management: [{type: "compaction", compact_threshold}]` on responses.create, through
// the real openai SDK against the offline engine over HTTP.

const engine = offlineEngineForThisFile();
const MODELS = ["offline-echo", "offline-assistant"] as const;
const THRESHOLD = 1000;
const compaction = [{ type: "compaction", compact_threshold: THRESHOLD }];

// About 1,500 tokens of history (four characters a token): past the threshold.
const long = (topic: string) => `${topic}: ${"the orchard has apple, pear and plum trees planted in rows; ".repeat(50)}`;
const history: OpenAI.Responses.ResponseInputItem[] = [
  { role: "user", content: long("Describe the orchard") },
  { role: "assistant", content: long("The orchard") },
];
const question = "Which tree flowers first?";

describe.each(MODELS)("context_management compaction with %s", (model) => {
  it("leaves a context under the threshold alone", async () => {
    const response = await engine.client.responses.create({ model, input: question, context_management: compaction });
    expect(response.output.map((item) => item.type)).not.toContain("compaction");
  });

  it("compacts a context past the threshold: a compaction item first, then the answer to the current turn", async () => {
    const events = await streamEvents(engine, { model, input: [...history, { role: "user", content: question }], context_management: compaction });
    // Kept for spec-check by hand: ARBOR_CAPTURE_DIR=/tmp npx vitest run tests/unit/offline-context-management.test.ts
    if (process.env.ARBOR_CAPTURE_DIR) {
      writeFileSync(`${process.env.ARBOR_CAPTURE_DIR}/compaction-${model}.jsonl`, events.map((e) => JSON.stringify(e)).join("\n"));
    }
    const types = events.map((e) => e.type);
    const added = events.find((e) => e.type === "response.output_item.added")!;
    expect((added.item as { type: string }).type).toBe("compaction");
    expect(added.output_index).toBe(0);
    const compacting = events.filter((e) => e.type === "response.compaction.compacting") as unknown as ResponseCompactionCompactingEvent[];
    expect(compacting).toHaveLength(1);
    expect(compacting[0]!.item_id).toBe((added.item as { id: string }).id);
    // Between the item's added and done, and before the answer starts.
    const done = types.indexOf("response.output_item.done");
    expect(types.indexOf("response.compaction.compacting")).toBeGreaterThan(types.indexOf("response.output_item.added"));
    expect(types.indexOf("response.compaction.compacting")).toBeLessThan(done);
    expectEventsConformant(events);

    const final = responseSchema.parse(events.at(-1)?.response);
    expect(final.output[0]?.type).toBe("compaction");
    expect(compactionItemSchema.parse(final.output[0]).encrypted_content).not.toBe("");
    expect(final.output.slice(1).some((item) => item.type === "message")).toBe(true);
    // Both passes are billed: the compaction read the whole context, the model the compacted one.
    expect(final.usage!.input_tokens).toBeGreaterThan(THRESHOLD);
    if (model === "offline-echo") {
      const text = outputText(final.output);
      expect(text).toContain(`Last user message: "${question}"`);
      expect(text).toContain("Items in context: 2 (1 not messages: 1 compaction)");
      expect(text).toContain("Compacted: 1 compaction item standing for 2 earlier items");
    }
  });

  it("chains on from the compaction: the next turn reads the compaction item on, not the folded history", async () => {
    const first = await engine.client.responses.create({ model, input: [...history, { role: "user", content: question }], context_management: compaction });
    expect(first.output[0]?.type).toBe("compaction");
    const next = await engine.client.responses.create({ model, input: "And which one last?", previous_response_id: first.id, context_management: compaction });
    // Far under the threshold now, so no new compaction; and the chained prefix is no longer the history.
    expect(next.output.map((item) => item.type)).not.toContain("compaction");
    expect(next.usage!.input_tokens).toBeLessThan(THRESHOLD);
    if (model === "offline-echo") {
      expect(next.output_text).toContain("Items in context: 4 (1 not messages: 1 compaction)");
      expect(next.output_text).toContain('Last user message: "And which one last?"');
    }
    // Stateless chaining reads the same: the whole history appended, or only from the compaction item on.
    const replayed = [...history, { role: "user" as const, content: question }, ...(first.output as OpenAI.Responses.ResponseInputItem[]), { role: "user" as const, content: "And which one last?" }];
    const pruned = [...(first.output as OpenAI.Responses.ResponseInputItem[]), { role: "user" as const, content: "And which one last?" }];
    const counts = await Promise.all(
      [replayed, pruned].map((input) => engine.client.responses.inputTokens.count({ model, input })),
    );
    expect(counts[0]!.input_tokens).toBe(counts[1]!.input_tokens);
    expect(counts[0]!.input_tokens).toBe(next.usage!.input_tokens);
  });
});

describe("context_management", () => {
  // The SDK's raw stream passes the event on. (openai 6.49's `responses.stream()` helper throws "Unhandled response
  // stream event" on any event type it does not know, this one included, as it would against OpenAI itself.)
  it("streams through the SDK, the compacting event among the others", async () => {
    const stream = await engine.client.responses.create({
      model: "offline-echo",
      input: [...history, { role: "user", content: question }],
      context_management: compaction,
      stream: true,
    });
    const seen: string[] = [];
    let final: OpenAI.Responses.Response | null = null;
    for await (const event of stream) {
      seen.push(event.type);
      if (event.type === "response.completed") final = event.response;
    }
    expect(seen.slice(0, 5)).toEqual(["response.created", "response.in_progress", "response.output_item.added", "response.compaction.compacting", "response.output_item.done"]);
    expect(final?.output[0]?.type).toBe("compaction");
  });

  it("refuses a type other than compaction and a threshold under 1000", async () => {
    await expectApiError(
      engine.client.responses.create({ model: "offline-echo", input: "hi", context_management: [{ type: "truncate" }] }),
      400,
      "invalid_value",
      "context_management[0].type",
    );
    await expectApiError(
      engine.client.responses.create({ model: "offline-echo", input: "hi", context_management: [{ type: "compaction", compact_threshold: 10 }] }),
      400,
      "invalid_value",
      "context_management[0].compact_threshold",
    );
  });
});

/** Every event but the compacting one is one both specs define; the compacting one has the SDK's fields. */
function expectEventsConformant(events: readonly StreamedEvent[]) {
  const known: Record<string, { safeParse: (v: unknown) => { success: boolean } } | undefined> = { ...streamEventSchemas, ...newerStreamEventSchemas };
  for (const event of events) expect(known[event.type]?.safeParse(event).success, `${event.sequence_number} ${event.type}`).toBe(true);
}

function outputText(output: readonly unknown[]): string {
  return output
    .flatMap((item) => {
      const message = item as { type: string; content?: { type: string; text?: string }[] };
      return message.type === "message" ? (message.content ?? []).map((part) => part.text ?? "") : [];
    })
    .join("");
}

describe("an MCP approval answered in its own turn", () => {
  const request = { type: "mcp_approval_request", id: "mcpr_1", server_label: "deploys", name: "rollback", arguments: "{}" };
  const ask = (approve: boolean, reason?: string) =>
    engine.client.responses.create({
      model: "offline-assistant",
      input: [
        { role: "user", content: "Roll the api back." },
        request as unknown as OpenAI.Responses.ResponseInputItem,
        { type: "mcp_approval_response", approval_request_id: "mcpr_1", approve, ...(reason ? { reason } : {}) },
      ],
    });

  it("says what was decided, and that an approved call could not run offline", async () => {
    expect((await ask(true)).output_text).toContain("received your approval of `deploys.rollback`, but it runs offline and reaches no MCP server, so the call was not made");
    expect((await ask(false, "release freeze")).output_text).toContain("received your denial of `deploys.rollback` (release freeze): the call is not made");
  });
});
