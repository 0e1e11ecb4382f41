import { writeFileSync } from "node:fs";
import { toFile } from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import { fileCitationSchema, fileSearchCallSchema, parseStreamEvent, responseSchema } from "@/lib/responses/schemas";
import { offlineEngineForThisFile } from "./support/offline";
import { makePdf } from "./support/pdf";

const engine = offlineEngineForThisFile();
let storeId: string;
let pdfId: string;

beforeAll(async () => {
  const client = engine.client;
  const guide = await client.files.create({
    file: await toFile(Buffer.from("## Observatory\nThe observatory opens at dusk. Telescopes must be booked seven days ahead.\n\n## Cafe\nThe cafe serves soup until 15:00."), "guide.md"),
    purpose: "assistants",
  });
  const pdf = await client.files.create({ file: await toFile(makePdf(["Lab rules.", "Wear goggles when soldering."]), "lab.pdf"), purpose: "assistants" });
  pdfId = pdf.id;
  storeId = (await client.vectorStores.create({ name: "Station", file_ids: [guide.id, pdf.id] })).id;
});

const tools = () => [{ type: "file_search" as const, vector_store_ids: [storeId] }];

describe("file_search in offline-assistant", () => {
  it("searches the vector store and cites the file each quoted sentence comes from", async () => {
    const response = await engine.client.responses.create({ model: "offline-assistant", input: "How far ahead must telescopes be booked?", tools: tools(), include: ["file_search_call.results"] });
    responseSchema.parse(response);
    const [call, message] = response.output;
    const parsedCall = fileSearchCallSchema.parse(call);
    expect(parsedCall.queries).toEqual([expect.stringMatching(/telescopes be booked/)]);
    expect(parsedCall.results?.[0]).toMatchObject({ filename: "guide.md", score: 1 });
    expect(response.output_text).toMatch(/Telescopes must be booked seven days ahead\./);
    const annotation = fileCitationSchema.parse((message as { content: { annotations: unknown[] }[] }).content[0]!.annotations[0]);
    expect(annotation).toMatchObject({ filename: "guide.md" });
    // The citation marks the end of the sentence it supports.
    expect(response.output_text.slice(0, annotation.index)).toMatch(/seven days ahead\.$/);
  });

  it("leaves results out unless include asks for them, and finds text inside a PDF", async () => {
    const response = await engine.client.responses.create({ model: "offline-assistant", input: "What should I wear when soldering?", tools: tools() });
    const call = fileSearchCallSchema.parse(response.output[0]);
    expect(call.results ?? null).toBeNull();
    expect(response.output_text).toMatch(/Wear goggles when soldering/);
    expect(JSON.stringify(response.output)).toContain(pdfId);
  });

  it("streams file_search_call events in OpenAI's order, through the SDK's stream helper", async () => {
    const stream = engine.client.responses.stream({ model: "offline-assistant", input: "When does the cafe serve soup?", tools: tools() });
    const types: string[] = [];
    const raw: unknown[] = [];
    for await (const event of stream) {
      parseStreamEvent(event);
      raw.push(event);
      if (!types.includes(event.type) || !event.type.endsWith(".delta")) types.push(event.type);
    }
    const final = await stream.finalResponse();
    expect(final.output.map((item) => item.type)).toEqual(["file_search_call", "message"]);
    expect(types.slice(0, 7)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.file_search_call.in_progress",
      "response.file_search_call.searching",
      "response.file_search_call.completed",
      "response.output_item.done",
    ]);
    expect(types).toContain("response.output_text.annotation.added");
    if (process.env.ARBOR_CAPTURE) writeFileSync(process.env.ARBOR_CAPTURE, raw.map((e) => JSON.stringify(e)).join("\n"));
  });

  it("says so when nothing in the files matches", async () => {
    const response = await engine.client.responses.create({ model: "offline-assistant", input: "What is the capital of Mongolia?", tools: tools() });
    expect(response.output_text).toMatch(/found nothing/);
    expect((response.output[1] as { content: { annotations: unknown[] }[] }).content[0]!.annotations).toEqual([]);
  });
});
