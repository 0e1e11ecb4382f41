import { toFile } from "openai";
import { describe, expect, it } from "vitest";
import { chunkText } from "@/lib/offline/files/chunk";
import { csvToText, htmlToText } from "@/lib/offline/files/extract";
import { offlineEngineForThisFile } from "./support/offline";
import { makePdf } from "./support/pdf";

const engine = offlineEngineForThisFile();

const upload = async (name: string, content: string | Buffer) => engine.client.files.create({ file: await toFile(Buffer.from(content), name), purpose: "assistants" });

async function expectApiError(promise: Promise<unknown>, status: number, code: string) {
  await expect(promise).rejects.toMatchObject({ status, code });
}

describe("text extraction and chunking", () => {
  it("reads the visible text of HTML and labels CSV values with their column", () => {
    expect(htmlToText("<html><head><style>p{}</style><script>alert(1)</script></head><body><h1>Title</h1><p>Fish &amp; chips</p></body></html>")).toBe(
      "Title\n\nFish & chips",
    );
    expect(csvToText('city,dish\nLisbon,"bacalhau, grilled"\nNaples,pizza\n')).toBe("city: Lisbon; dish: bacalhau, grilled\ncity: Naples; dish: pizza");
  });

  it("cuts text into chunks within the size that overlap", () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(" ");
    const chunks = chunkText(words, { maxChunkSizeTokens: 100, chunkOverlapTokens: 40 });
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks) expect(Math.ceil(chunk.length / 4)).toBeLessThanOrEqual(100);
    // consecutive chunks share words
    const [first, second] = chunks;
    const lastWordsOfFirst = first!.split(" ").slice(-5);
    expect(second!.split(" ").slice(0, 40)).toEqual(expect.arrayContaining(lastWordsOfFirst));
    expect(chunks.at(-1)).toContain("word399");
  });
});

describe("files and vector stores through the openai SDK", () => {
  it("uploads, reads back and deletes a file", async () => {
    const file = await upload("notes.md", "# Picnic\nBring lemonade and a blanket.");
    expect(file).toMatchObject({ object: "file", filename: "notes.md", purpose: "assistants", status: "processed", bytes: 38 });
    expect(file.id).toMatch(/^file-/);
    expect((await engine.client.files.retrieve(file.id)).filename).toBe("notes.md");
    expect(await (await engine.client.files.content(file.id)).text()).toBe("# Picnic\nBring lemonade and a blanket.");
    expect(await engine.client.files.delete(file.id)).toEqual({ id: file.id, object: "file", deleted: true });
    await expectApiError(engine.client.files.retrieve(file.id), 404, null as unknown as string);
  });

  it("refuses empty, unsupported and oversized files with clear errors", async () => {
    await expectApiError(upload("empty.txt", ""), 400, "empty_file");
    await expectApiError(upload("tool.exe", "MZ..."), 400, "unsupported_file");
    await expectApiError(upload("big.txt", Buffer.alloc(10 * 1024 * 1024 + 1, 97)), 413, "file_too_large");
    expect((await engine.client.files.list()).data).toHaveLength(0);
  });

  it("indexes text, Markdown, JSON, CSV, HTML and PDF, and searches them with ranked scores", async () => {
    const files = await Promise.all([
      upload("guide.txt", "The observatory opens at dusk. Telescopes must be booked a week ahead."),
      upload("recipes.md", "## Bread\nKnead the dough for ten minutes, then let it rise for an hour."),
      upload("team.json", JSON.stringify({ lead: "Ada", members: ["Grace", "Linus"], project: "Compiler" })),
      upload("trains.csv", "route,departure\nLisbon-Porto,08:15\nPorto-Braga,09:40\n"),
      upload("page.html", "<article><h2>Tides</h2><p>Spring tides follow the full moon.</p></article>"),
      upload("manual.pdf", makePdf(["Safety manual", "Wear goggles when soldering."])),
    ]);
    const store = await engine.client.vectorStores.create({ name: "Mixed", file_ids: files.map((f) => f.id) });
    expect(store).toMatchObject({ object: "vector_store", name: "Mixed", status: "completed", file_counts: { completed: 6, failed: 0, total: 6 } });
    expect(store.usage_bytes).toBeGreaterThan(100);

    const listed = await engine.client.vectorStores.files.list(store.id);
    expect(listed.data.map((f) => f.status)).toEqual(Array(6).fill("completed"));

    const search = async (query: string) => (await engine.client.vectorStores.search(store.id, { query })).data;
    expect((await search("goggles soldering"))[0]).toMatchObject({ filename: "manual.pdf", score: 1, content: [{ type: "text", text: expect.stringContaining("Wear goggles") as unknown }] });
    expect((await search("when does the train to Porto leave"))[0]?.filename).toBe("trains.csv");
    expect((await search("knead dough"))[0]?.filename).toBe("recipes.md");
    expect((await search("full moon tides"))[0]?.filename).toBe("page.html");
    expect((await search("who leads the compiler project"))[0]?.filename).toBe("team.json");
    const ranked = await search("telescopes observatory dusk bread");
    expect(ranked[0]?.filename).toBe("guide.txt");
    expect(ranked.map((r) => r.score)).toEqual([...ranked.map((r) => r.score)].sort((a, b) => b - a));
  });

  it("records a file that cannot be read as failed, with the reason, and keeps the store usable", async () => {
    // A PDF header, so the upload is accepted, over bytes that are no PDF.
    const broken = await upload("broken.pdf", "%PDF-1.7\nthis is not a pdf");
    const store = await engine.client.vectorStores.create({ name: "With a broken file" });
    const added = await engine.client.vectorStores.files.create(store.id, { file_id: broken.id });
    expect(added).toMatchObject({ status: "failed", last_error: { code: "invalid_file" } });
    expect(added.last_error?.message).toMatch(/Could not read the PDF/);
    expect((await engine.client.vectorStores.retrieve(store.id)).file_counts).toMatchObject({ failed: 1, completed: 0 });
    expect((await engine.client.vectorStores.search(store.id, { query: "anything" })).data).toEqual([]);
    await expectApiError(engine.client.vectorStores.files.create(store.id, { file_id: "file-nope" }), 404, null as unknown as string);
    await expectApiError(engine.client.vectorStores.search("vs_nope", { query: "x" }), 404, null as unknown as string);
    expect(await engine.client.vectorStores.delete(store.id)).toMatchObject({ id: store.id, deleted: true });
  });
});
