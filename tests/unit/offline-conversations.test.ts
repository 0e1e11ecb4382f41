import { describe, expect, it } from "vitest";
import { expectApiError, offlineEngineForThisFile } from "./support/offline";

const engine = offlineEngineForThisFile();

describe("conversations", () => {
  it("create, add items, respond in them (history read, turn appended), list, retrieve, delete items and conversations", async () => {
    const client = engine.client;
    const conversation = await client.conversations.create({ items: [{ type: "message", role: "user", content: "My name is Ada." }], metadata: { topic: "intro" } });
    expect(conversation).toMatchObject({ object: "conversation", metadata: { topic: "intro" } });
    expect(conversation.id).toMatch(/^conv_/);
    expect(await client.conversations.retrieve(conversation.id)).toEqual(conversation);

    const first = await client.responses.create({ model: "offline-echo", conversation: conversation.id, input: "What is my name?" });
    expect(first.conversation).toEqual({ id: conversation.id });
    expect(first.output_text).toMatch(/Turns: 2 \(2 user, 0 assistant\)/);
    const second = await client.responses.create({ model: "offline-echo", conversation: { id: conversation.id }, input: "Again?" });
    expect(second.output_text).toMatch(/Turns: 4 \(3 user, 1 assistant\)/);

    const items = [];
    for await (const item of client.conversations.items.list(conversation.id, { order: "asc", limit: 2 })) items.push(item);
    expect(items.map((i) => (i.type === "message" ? i.role : i.type))).toEqual(["user", "user", "assistant", "user", "assistant"]);

    const added = await client.conversations.items.create(conversation.id, { items: [{ type: "message", role: "user", content: "A note." }] });
    expect(added.data).toHaveLength(1);
    const noteId = added.data[0]!.id!;
    expect(await client.conversations.items.retrieve(noteId, { conversation_id: conversation.id })).toMatchObject({ id: noteId, type: "message" });
    await client.conversations.items.delete(noteId, { conversation_id: conversation.id });
    await expectApiError(client.conversations.items.retrieve(noteId, { conversation_id: conversation.id }), 404, null, "item_id");

    expect(await client.conversations.update(conversation.id, { metadata: { topic: "names" } })).toMatchObject({ metadata: { topic: "names" } });
    expect(await client.conversations.delete(conversation.id)).toEqual({ id: conversation.id, object: "conversation.deleted", deleted: true });
    await expectApiError(client.conversations.retrieve(conversation.id), 404, null);
  });

  it("refuses conversation with previous_response_id, and an unknown conversation", async () => {
    const client = engine.client;
    const conversation = await client.conversations.create({});
    const response = await client.responses.create({ model: "offline-echo", input: "hi" });
    await expectApiError(client.responses.create({ model: "offline-echo", input: "x", conversation: conversation.id, previous_response_id: response.id }), 400, "mutually_exclusive_parameters");
    await expectApiError(client.responses.create({ model: "offline-echo", input: "x", conversation: "conv_missing" }), 404, null);
  });
});
