import OpenAI, { toFile } from "openai";
import { describe, expect, it } from "vitest";
import { expectApiError, offlineEngineForThisFile } from "./support/offline";

// The openai SDK's resources for files, vector stores (their files and file batches), responses and input items,
// every method and helper, against the offline engine over real HTTP.

const engine = offlineEngineForThisFile();

const text = (name: string, body: string) => toFile(Buffer.from(body), name);

/** Every item of a paginated list, page by page, and the number of pages it took. */
async function allPages<T>(first: Promise<{ data: T[]; hasNextPage(): boolean; getNextPage(): Promise<unknown> }>) {
  type Page = { data: T[]; hasNextPage(): boolean; getNextPage(): Promise<Page> };
  let page = (await first) as Page;
  const items = [...page.data];
  let pages = 1;
  while (page.hasNextPage()) {
    page = await page.getNextPage();
    items.push(...page.data);
    pages += 1;
  }
  return { items, pages };
}

describe("files", () => {
  it("create, retrieve, waitForProcessing, content, list by purpose with pagination, delete", async () => {
    const client = engine.client;
    const created = [];
    for (const n of ["a", "b", "c"]) created.push(await client.files.create({ file: await text(`${n}.txt`, `File ${n}.`), purpose: "user_data" }));
    const [first] = created;
    expect(first).toMatchObject({ object: "file", filename: "a.txt", purpose: "user_data", status: "processed", bytes: 7 });
    expect(await client.files.retrieve(first!.id)).toEqual(first);
    expect((await client.files.waitForProcessing(first!.id)).status).toBe("processed");
    expect(await (await client.files.content(first!.id)).text()).toBe("File a.");

    const { items, pages } = await allPages(client.files.list({ purpose: "user_data", limit: 2 }));
    expect(pages).toBe(2);
    expect(items.map((f) => f.id).sort()).toEqual(created.map((f) => f.id).sort());
    const iterated: string[] = [];
    for await (const file of client.files.list({ purpose: "user_data", limit: 1, order: "asc" })) iterated.push(file.filename);
    expect(iterated).toHaveLength(3);
    expect((await client.files.list({ purpose: "vision" })).data).toEqual([]);

    expect(await client.files.delete(first!.id)).toEqual({ id: first!.id, object: "file", deleted: true });
    await expectApiError(client.files.retrieve(first!.id), 404, null);
  });
});

describe("vector stores", () => {
  it("create, retrieve, update, search, list with pagination, delete", async () => {
    const client = engine.client;
    const file = await client.files.create({ file: await text("moon.md", "The moon base opens at noon."), purpose: "assistants" });
    const stores = [];
    for (const name of ["One", "Two", "Three"]) stores.push(await client.vectorStores.create({ name, file_ids: name === "One" ? [file.id] : [] }));
    const [one] = stores;
    expect(one).toMatchObject({ object: "vector_store", name: "One", status: "completed", file_counts: { completed: 1, total: 1 } });
    expect(await client.vectorStores.retrieve(one!.id)).toMatchObject({ id: one!.id, name: "One" });
    expect(await client.vectorStores.update(one!.id, { name: "Moon", metadata: { team: "ops" } })).toMatchObject({ name: "Moon", metadata: { team: "ops" } });

    const hits = await client.vectorStores.search(one!.id, { query: "When does the moon base open?" });
    expect(hits.data[0]).toMatchObject({ file_id: file.id, filename: "moon.md" });

    const ids = stores.map((s) => s.id);
    const { items, pages } = await allPages(client.vectorStores.list({ limit: 2 }));
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(items.map((s) => s.id)).toEqual(expect.arrayContaining(ids));
    expect(await client.vectorStores.delete(stores[2]!.id)).toEqual({ id: stores[2]!.id, object: "vector_store.deleted", deleted: true });
    await expectApiError(client.vectorStores.retrieve(stores[2]!.id), 404, null);
  });
});

describe("vector store files", () => {
  it("createAndPoll, retrieve, update attributes, content, list with filter and pagination, delete", async () => {
    const client = engine.client;
    const store = await client.vectorStores.create({ name: "Files" });
    const file = await client.files.create({ file: await text("notes.md", "## Notes\nThe lift is out of order on Fridays."), purpose: "assistants" });
    const added = await client.vectorStores.files.createAndPoll(store.id, { file_id: file.id, attributes: { floor: 3 } });
    expect(added).toMatchObject({ id: file.id, object: "vector_store.file", vector_store_id: store.id, status: "completed", attributes: { floor: 3 } });
    expect(await client.vectorStores.files.retrieve(file.id, { vector_store_id: store.id })).toEqual(added);
    expect(await client.vectorStores.files.poll(store.id, file.id)).toMatchObject({ status: "completed" });

    const updated = await client.vectorStores.files.update(file.id, { vector_store_id: store.id, attributes: { floor: 4, public: true } });
    expect(updated.attributes).toEqual({ floor: 4, public: true });

    const content = await client.vectorStores.files.content(file.id, { vector_store_id: store.id });
    expect(content.data.map((part) => part.text).join(" ")).toContain("The lift is out of order on Fridays.");

    const uploaded = await client.vectorStores.files.upload(store.id, await text("second.md", "Second file."));
    const polled = await client.vectorStores.files.uploadAndPoll(store.id, await text("third.md", "Third file."));
    expect([uploaded.status, polled.status]).toEqual(["completed", "completed"]);

    const { items, pages } = await allPages(client.vectorStores.files.list(store.id, { limit: 2 }));
    expect(pages).toBe(2);
    expect(items).toHaveLength(3);
    const completed = await client.vectorStores.files.list(store.id, { filter: "completed" });
    expect(completed.data.map((f) => f.id).sort()).toEqual([file.id, uploaded.id, polled.id].sort());
    expect((await client.vectorStores.files.list(store.id, { filter: "failed" })).data).toEqual([]);

    expect(await client.vectorStores.files.delete(file.id, { vector_store_id: store.id })).toEqual({ id: file.id, object: "vector_store.file.deleted", deleted: true });
    await expectApiError(client.vectorStores.files.retrieve(file.id, { vector_store_id: store.id }), 404, null);
    expect((await client.files.retrieve(file.id)).id).toBe(file.id);
    expect((await client.vectorStores.search(store.id, { query: "lift out of order" })).data.some((hit) => hit.file_id === file.id)).toBe(false);
  });

  it("answers 404 for a file that is not in the store, and 400 for bad attributes", async () => {
    const client = engine.client;
    const store = await client.vectorStores.create({ name: "Empty" });
    const file = await client.files.create({ file: await text("lonely.txt", "Alone."), purpose: "assistants" });
    await expectApiError(client.vectorStores.files.retrieve(file.id, { vector_store_id: store.id }), 404, null, "file_id");
    const tooMany = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, i]));
    await expectApiError(client.vectorStores.files.create(store.id, { file_id: file.id, attributes: tooMany }), 400, "invalid_value");
  });
});

describe("file batches", () => {
  it("createAndPoll, retrieve, poll, listFiles with pagination, cancel, uploadAndPoll", async () => {
    const client = engine.client;
    const store = await client.vectorStores.create({ name: "Batches" });
    const files = await Promise.all(["x", "y", "z"].map(async (n) => client.files.create({ file: await text(`${n}.md`, `Batch file ${n}.`), purpose: "assistants" })));
    const batch = await client.vectorStores.fileBatches.createAndPoll(store.id, { file_ids: files.map((f) => f.id), attributes: { batch: "first" } });
    expect(batch).toMatchObject({ object: "vector_store.files_batch", vector_store_id: store.id, status: "completed", file_counts: { completed: 3, failed: 0, total: 3 } });
    expect(batch.id).toMatch(/^vsfb_/);
    expect(await client.vectorStores.fileBatches.retrieve(batch.id, { vector_store_id: store.id })).toEqual(batch);
    expect(await client.vectorStores.fileBatches.poll(store.id, batch.id)).toEqual(batch);

    const { items, pages } = await allPages(client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: store.id, limit: 2 }));
    expect(pages).toBe(2);
    expect(items.map((f) => f.id).sort()).toEqual(files.map((f) => f.id).sort());
    expect(items.every((f) => f.attributes?.batch === "first")).toBe(true);
    expect((await client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: store.id, filter: "failed" })).data).toEqual([]);

    expect(await client.vectorStores.fileBatches.cancel(batch.id, { vector_store_id: store.id })).toMatchObject({ id: batch.id, status: "completed" });

    const uploaded = await client.vectorStores.fileBatches.uploadAndPoll(store.id, { files: [await text("u1.md", "Uploaded one."), await text("u2.md", "Uploaded two.")], fileIds: [files[0]!.id] });
    expect(uploaded.file_counts).toMatchObject({ completed: 3, total: 3 });
    expect((await client.vectorStores.retrieve(store.id)).file_counts.total).toBe(5);

    await expectApiError(client.vectorStores.fileBatches.retrieve("vsfb_missing", { vector_store_id: store.id }), 404, null, "batch_id");
    await expectApiError(client.vectorStores.fileBatches.create(store.id, { file_ids: ["file-missing"] }), 404, null);
    await expectApiError(client.vectorStores.fileBatches.create(store.id, {}), 400, "invalid_value", "file_ids");
  });
});

describe("responses and input items", () => {
  it("create, retrieve, stream, delete, cancel a background response, and page input items", async () => {
    const client = engine.client;
    const input = [
      { role: "user" as const, content: "one" },
      { role: "assistant" as const, content: "two" },
      { role: "user" as const, content: "three" },
    ];
    const response = await client.responses.create({ model: "offline-echo", input });
    expect(await client.responses.retrieve(response.id)).toMatchObject({ id: response.id, status: "completed" });

    const { items, pages } = await allPages(client.responses.inputItems.list(response.id, { limit: 2, order: "asc" }));
    expect(pages).toBe(2);
    expect(items.map((item) => (item.type === "message" ? item.role : item.type))).toEqual(["user", "assistant", "user"]);

    const streamed = await client.responses.stream({ model: "offline-echo", input: "hello" }).finalResponse();
    expect(streamed.status).toBe("completed");

    const background = await client.responses.create({ model: "offline-assistant", input: "Tell me about telescopes", background: true });
    const cancelled = await client.responses.cancel(background.id);
    expect(["cancelled", "completed"]).toContain(cancelled.status);

    await client.responses.delete(response.id);
    await expectApiError(client.responses.retrieve(response.id), 404, null);
  });

  it("gives the SDK an OpenAI error it can read for an unknown path", async () => {
    const err = await engine.client.get("/vector_stores/vs_x/nothing").then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
  });
});
