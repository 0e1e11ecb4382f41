import OpenAI, { toFile } from "openai";
import { describe, expect, it } from "vitest";
import type { NodeSummary } from "@/lib/contracts/nodes";
import type { ResponseInputItem, ResponseStreamEvent } from "openai/resources/responses/responses";
import { arborOverHttpForThisFile } from "./support/arbor-http";
import { testDatabases } from "./support/databases";
import { parseSse } from "./support/sse";

// The openai SDK, unmodified, pointed at Arbor's recording proxy over real HTTP, the offline engine upstream, on PGlite and
// (when ARBOR_TEST_DATABASE_URL is set) PostgreSQL.

describe.each(testDatabases())("the recording proxy with the openai SDK on $name", ({ open }) => {
  const arbor = arborOverHttpForThisFile({}, open);
  const client = (headers: Record<string, string> = {}) => new OpenAI({ baseURL: arbor.baseURL, apiKey: "any-key-works", maxRetries: 0, defaultHeaders: headers });

  /** The tree these responses were recorded in, once each has its node (recording ends just after the answer). */
  async function treeOf(...responseIds: string[]): Promise<{ treeId: string; nodes: NodeSummary[] }> {
    for (let attempt = 0; attempt < 200; attempt++) {
      for (const tree of await arbor.trees()) {
        const { nodes } = await arbor.tree(tree.id);
        if (responseIds.every((id) => nodes.some((n) => n.responseId === id))) return { treeId: tree.id, nodes: await arbor.settled(tree.id) };
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no tree holds ${responseIds.join(", ")}`);
  }

  async function collect(stream: AsyncIterable<ResponseStreamEvent>): Promise<ResponseStreamEvent[]> {
    const events: ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    return events;
  }

  it("records a streamed chain as nodes under their previous_response_id, each event as the client got it", async () => {
    const openai = client({ "X-Arbor-Tree": "SDK chain" });
    const first = await collect(await openai.responses.create({ model: "offline/offline-echo", input: "First question", stream: true }));
    const firstId = (first.at(-1) as { response: { id: string } }).response.id;
    const second = await collect(await openai.responses.create({ model: "offline-echo", input: "Second question", previous_response_id: firstId, stream: true }));
    const secondId = (second.at(-1) as { response: { id: string } }).response.id;
    // Going back to the first answer is a branch: a sibling of the second.
    const fork = await openai.responses.create({ model: "offline-echo", input: "Another second", previous_response_id: firstId });

    const { treeId, nodes } = await treeOf(firstId, secondId, fork.id);
    const { tree } = await arbor.tree(treeId);
    expect(tree).toMatchObject({ title: "SDK chain", source: "proxy", clientName: "openai-node", providerId: "offline" });
    const byResponse = new Map(nodes.map((n) => [n.responseId, n]));
    const root = byResponse.get(firstId)!;
    expect(root).toMatchObject({ parentId: null, status: "completed", source: "proxy", clientName: "openai-node", providerId: "offline", model: "offline-echo", contextMode: "chain" });
    expect(byResponse.get(secondId)).toMatchObject({ parentId: root.id, status: "completed", inputPreview: "Second question" });
    expect(byResponse.get(fork.id)).toMatchObject({ parentId: root.id, status: "completed", inputPreview: "Another second" });

    // What the client received is what was stored, event for event.
    for (const [events, id] of [[first, firstId], [second, secondId]] as const) {
      const stored = await arbor.events(byResponse.get(id)!.id);
      expect(stored.map((e) => e.data)).toEqual(events);
    }
    // The node's request is the one the client sent; its response the one it got.
    const detail = await arbor.node(byResponse.get(fork.id)!.id);
    expect(detail.request).toEqual({ model: "offline-echo", input: "Another second", previous_response_id: firstId });
    // (The SDK adds `output_text`, a convenience of its own, to what it was sent.)
    const { output_text: _added, ...sent } = JSON.parse(JSON.stringify(fork)) as Record<string, unknown>;
    expect(detail.response).toEqual(sent);
    expect((await arbor.node(root.id)).request).toMatchObject({ model: "offline/offline-echo", stream: true });
  });

  it("puts a script's calls in one tree per key and hour, and a session's in one per session", async () => {
    const plain = new OpenAI({ baseURL: arbor.baseURL, apiKey: "script-key", maxRetries: 0 });
    const a = await plain.responses.create({ model: "offline-echo", input: "Script call one" });
    const b = await plain.responses.create({ model: "offline-echo", input: "Script call two" });
    const other = await new OpenAI({ baseURL: arbor.baseURL, apiKey: "another-key", maxRetries: 0 }).responses.create({ model: "offline-echo", input: "Other key" });
    const session = await plain.responses.create({ model: "offline-echo", input: "In a session", prompt_cache_key: "session-42" });
    const [treeA, treeB, treeOther, treeSession] = await Promise.all([a, b, other, session].map((r) => treeOf(r.id)));
    expect(treeA!.treeId).toBe(treeB!.treeId);
    expect(treeOther!.treeId).not.toBe(treeA!.treeId);
    expect((await arbor.tree(treeA!.treeId)).tree.title).toMatch(/^openai-node script \d{4}-\d\d-\d\d \d\d:00 UTC$/);
    expect((await arbor.tree(treeSession!.treeId)).tree.title).toBe("openai-node session session-42");
  });

  it("answers byte for byte what the provider sends", async () => {
    const body = { model: "offline-echo", input: "Same bytes", stream: true, store: false };
    const direct = await fetch(`${arbor.url}/api/offline/v1/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const proxied = await fetch(`${arbor.baseURL}/responses`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer x" }, body: JSON.stringify(body) });
    expect(proxied.status).toBe(direct.status);
    expect(proxied.headers.get("content-type")).toBe(direct.headers.get("content-type"));
    // Ids and timestamps differ between two calls; everything else is the same, frame for frame.
    const normalise = (text: string) => text.replace(/"(resp|msg|rs)_[A-Za-z0-9]+"/g, '"ID"').replace(/"created_at":\d+/g, '"created_at":0').replace(/"completed_at":\d+/g, '"completed_at":0');
    expect(normalise(await proxied.text())).toBe(normalise(await direct.text()));
  });

  it("finds the parent of a client that replays its history itself (store: false), a rewind is a branch", async () => {
    const openai = client({ "X-Arbor-Tree": "SDK replay" });
    const history: ResponseInputItem[] = [{ role: "user", content: "Plan a walk" }];
    const one = await openai.responses.create({ model: "offline-echo", input: history, store: false });
    const afterOne = [...history, ...(one.output as ResponseInputItem[])];
    const two = await openai.responses.create({ model: "offline-echo", input: [...afterOne, { role: "user", content: "Make it shorter" }], store: false });
    const afterTwo = [...afterOne, { role: "user", content: "Make it shorter" } as ResponseInputItem, ...(two.output as ResponseInputItem[])];
    const three = await collect(await openai.responses.create({ model: "offline-echo", input: [...afterTwo, { role: "user", content: "Add a cafe" }], store: false, stream: true }));
    const threeId = (three.at(-1) as { response: { id: string } }).response.id;
    // The client rewinds to the first answer and asks something else there.
    const rewind = await openai.responses.create({ model: "offline-echo", input: [...afterOne, { role: "user", content: "Make it longer" }], store: false });
    const unrelated = await openai.responses.create({ model: "offline-echo", input: "Something new", store: false });

    const { nodes } = await treeOf(one.id, two.id, threeId, rewind.id, unrelated.id);
    const by = new Map(nodes.map((n) => [n.inputPreview, n]));
    const root = by.get("Plan a walk")!;
    expect(root).toMatchObject({ parentId: null, store: false, contextMode: "chain" });
    expect(by.get("Make it shorter")).toMatchObject({ parentId: root.id, contextMode: "replay" });
    expect(by.get("Add a cafe")).toMatchObject({ parentId: by.get("Make it shorter")!.id, contextMode: "replay" });
    expect(by.get("Make it longer")).toMatchObject({ parentId: root.id, responseId: rewind.id });
    expect(by.get("Something new")).toMatchObject({ parentId: null, responseId: unrelated.id });
    // A node keeps only what its turn added; the request keeps the whole history the client sent.
    const shorter = await arbor.node(by.get("Make it shorter")!.id);
    expect(shorter.input).toEqual([{ role: "user", content: "Make it shorter" }]);
    expect((shorter.request as { input: unknown[] }).input).toHaveLength(afterOne.length + 1);
  });

  it("passes an upstream error to the client as sent, and keeps the node failed with it", async () => {
    const direct = await fetch(`${arbor.url}/api/offline/v1/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "no-such-model", input: "Hi" }) });
    const openai = client({ "X-Arbor-Tree": "SDK errors" });
    const err = (await openai.responses.create({ model: "offline/no-such-model", input: "Hi" }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err.status).toBe(direct.status);
    expect({ error: err.error }).toEqual(await direct.json());
    const tree = await arbor.treeTitled("SDK errors");
    const [node] = await arbor.settled(tree.id);
    expect(node).toMatchObject({ status: "failed", error: { code: "model_not_found", status: 400 }, source: "proxy" });

    // An error the stream carries (the engine fails mid-generation) reaches the client, and fails the node.
    // The error event carries an `error` object (Open Responses' shape), on which the openai SDK throws.
    const received: ResponseStreamEvent[] = [];
    const thrown = await (async () => {
      const stream = await openai.responses.create({ model: "offline-echo", input: "Fail please", stream: true, metadata: { arbor_fault: "fail:4" } });
      for await (const event of stream) received.push(event);
    })().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(OpenAI.APIError);
    expect((thrown as Error).message).toContain("injected by x-arbor-fault: fail");
    const failed = (await arbor.settled(tree.id, 2)).find((n) => n.inputPreview === "Fail please")!;
    expect(failed.status).toBe("failed");
    const stored = (await arbor.events(failed.id)).map((e) => e.data);
    expect(stored.slice(0, received.length)).toEqual(received);
    expect(stored.slice(received.length).map((e) => e.type)).toEqual(["error", "response.failed"]);
  });

  it("answers its own refusals in OpenAI's error shape", async () => {
    const badJson = await fetch(`${arbor.baseURL}/responses`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer x" }, body: "{not json" });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: { type: "invalid_request_error", code: "invalid_json", param: null, message: expect.any(String) as unknown } });
    const unknown = await fetch(`${arbor.baseURL}/chat/nothing`, { headers: { authorization: "Bearer x" } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { type: "not_found_error", code: "not_found" } });
    const provider = await client({ "X-Arbor-Provider": "nope" })
      .responses.create({ model: "m", input: "x" })
      .catch((e: unknown) => e);
    expect(provider).toMatchObject({ status: 400, code: "invalid_value" });
  });

  it("keeps recording to the end when the client goes away mid-stream", async () => {
    const controller = new AbortController();
    const response = await fetch(`${arbor.baseURL}/responses`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer x", "x-arbor-tree": "SDK disconnect" },
      body: JSON.stringify({ model: "offline-assistant", input: "Tell me about the history of bridges in detail", stream: true, metadata: { arbor_offline_tps: "200" } }),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain("event: response.created");
    controller.abort();
    const tree = await arbor.treeTitled("SDK disconnect");
    const [node] = await arbor.settled(tree.id);
    expect(node).toMatchObject({ status: "completed" });
    const events = await arbor.events(node!.id);
    expect(events.at(-1)?.type).toBe("response.completed");
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
  });

  it("stops the call at the provider when Stop is pressed on its node in Arbor", async () => {
    const response = await fetch(`${arbor.baseURL}/responses`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer x", "x-arbor-tree": "SDK stop" },
      body: JSON.stringify({ model: "offline-assistant", input: "Tell me about the history of bridges in detail", stream: true, metadata: { arbor_offline_tps: "20" } }),
    });
    const tree = await arbor.treeTitled("SDK stop");
    let running: NodeSummary | undefined;
    while (!running) {
      running = (await arbor.tree(tree.id)).nodes.find((n) => n.status === "in_progress");
      await new Promise((r) => setTimeout(r, 10));
    }
    const stopped = await fetch(`${arbor.url}/api/nodes/${running.id}/cancel`, { method: "POST" });
    expect(stopped.status).toBe(200);
    // The client's stream ends (it was that call's), without a completed response; the node is cancelled.
    const text = await response.text().catch(() => "");
    expect(text).not.toContain("response.completed");
    const [node] = await arbor.settled(tree.id);
    expect(node).toMatchObject({ id: running.id, status: "cancelled" });
  });

  it("passes the rest of the API through: retrieve, input items, delete, models", async () => {
    const openai = client({ "X-Arbor-Tree": "SDK pass-through" });
    const created = await openai.responses.create({ model: "offline-echo", input: "Keep me" });
    expect((await openai.responses.retrieve(created.id)).id).toBe(created.id);
    const items = await openai.responses.inputItems.list(created.id);
    expect(items.data.map((i) => (i as { role?: string }).role)).toEqual(["user"]);
    const models = await openai.models.list();
    expect(models.data.map((m) => m.id)).toEqual(expect.arrayContaining(["offline/offline-assistant", "offline-echo"]));
    await openai.responses.delete(created.id);
    await expect(openai.responses.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
    // Retrieval answers the stored events as SSE for a background response (with ?stream=true&starting_after=N).
    const background = await openai.responses.create({ model: "offline-echo", input: "In the background", background: true });
    const resumed = await fetch(`${arbor.baseURL}/responses/${background.id}?stream=true&starting_after=1`, { headers: { authorization: "Bearer x" } });
    const frames = parseSse(await resumed.text()).filter((f) => f.data !== "[DONE]");
    expect((frames[0]?.data as { sequence_number: number }).sequence_number).toBe(2);
    expect(frames.at(-1)?.event).toBe("response.completed");
    // Its node followed it at the provider to the end, though the client was answered while it was queued.
    expect(background.status).not.toBe("completed");
    const { nodes } = await treeOf(background.id);
    const recorded = nodes.find((n) => n.responseId === background.id)!;
    expect(recorded).toMatchObject({ status: "completed", source: "proxy" });
    expect((await arbor.node(recorded.id)).response).toMatchObject({ id: background.id, status: "completed" });
  });

  it("passes uploads and vector stores through, so file search works through the proxy", async () => {
    const openai = client({ "X-Arbor-Tree": "SDK files", "X-Arbor-Provider": "offline" });
    const file = await openai.files.create({ file: await toFile(Buffer.from("The lighthouse keeper of Brightwater is named Ada Finch."), "keeper.txt"), purpose: "assistants" });
    const store = await openai.vectorStores.create({ name: "Keepers" });
    expect(await openai.vectorStores.files.create(store.id, { file_id: file.id })).toMatchObject({ status: "completed" });
    const answer = await openai.responses.create({ model: "offline-assistant", input: "Who is the lighthouse keeper of Brightwater?", tools: [{ type: "file_search", vector_store_ids: [store.id] }] });
    expect(answer.output.map((item) => item.type)).toContain("file_search_call");
    const tree = await arbor.treeTitled("SDK files");
    const [node] = await arbor.settled(tree.id);
    expect(node).toMatchObject({ responseId: answer.id, itemTypes: expect.arrayContaining(["file_search_call"]) as unknown });
  });
});
