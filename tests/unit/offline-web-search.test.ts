import { describe, expect, it } from "vitest";
import { assistantTurn } from "@/lib/offline/models/assistant-turn";
import type { ModelContext } from "@/lib/offline/core/types";
import corpus from "@/lib/offline/data/web-corpus.json";
import { looksLikeFactQuestion, sentencesOf } from "@/lib/offline/tools/web-search/answer";
import type { WebSearchBackend } from "@/lib/offline/tools/web-search/pages";
import { responseSchema, urlCitationSchema } from "@/lib/responses/schemas";
import { offlineEngineForThisFile, streamEvents, type StreamedEvent } from "./support/offline";

const engine = offlineEngineForThisFile();

/** StreamedEvent types with runs of the same delta type folded into one entry. */
function shape(events: readonly StreamedEvent[]): string[] {
  return events.map((e) => e.type).filter((type, i, all) => !(type.endsWith(".delta") && all[i - 1] === type));
}

const pages = corpus as { title: string; url: string; published: string; text: string }[];
const question = { model: "offline-assistant", input: "How do volcanoes erupt?", tools: [{ type: "web_search" as const }] };

type Message = { type: "message"; content: { text: string; annotations: Record<string, unknown>[] }[] };

/** Every citation spans exactly one sentence of the page it names. */
function expectExactCitations(message: Message) {
  const part = message.content[0]!;
  expect(part.annotations.length).toBeGreaterThan(0);
  for (const raw of part.annotations) {
    const citation = urlCitationSchema.parse(raw);
    const page = pages.find((p) => p.url === citation.url);
    expect(page?.title).toBe(citation.title);
    expect(sentencesOf(page!.text)).toContain(part.text.slice(citation.start_index, citation.end_index));
  }
}

describe("web_search (JSON)", () => {
  it("searches the corpus, then answers with sentences cited at exact indexes", async () => {
    const response = responseSchema.parse(await engine.client.responses.create(question));
    expect(response.status).toBe("completed");
    const [call, message] = response.output as [Record<string, unknown>, Message];
    expect(call).toEqual({
      id: expect.stringMatching(/^ws_/) as string,
      type: "web_search_call",
      status: "completed",
      action: { type: "search", query: "How do volcanoes erupt" },
    });
    expect(message.type).toBe("message");
    expect(message.content[0]!.text).toContain("magma");
    expectExactCitations(message);
    expect(message.content[0]!.annotations[0]).toMatchObject({ url: "https://earth-sciences.example/volcano-eruptions" });
  });

  it("lists the sources only when include asks for them, and accepts web_search_preview", async () => {
    const response = await engine.client.responses.create({
      ...question,
      tools: [{ type: "web_search_preview" }],
      include: ["web_search_call.action.sources"],
    });
    const action = (response.output[0] as { action: { sources: { type: string; url: string }[] } }).action;
    expect(action.sources.length).toBeGreaterThan(0);
    for (const source of action.sources) expect(source).toEqual({ type: "url", url: expect.stringMatching(/^https:\/\//) as string });
  });

  it("answers AI news questions from dated news pages", async () => {
    const response = await engine.client.responses.create({ ...question, input: "What is the latest news about AI data centre energy?" });
    const message = response.output[1] as unknown as Message;
    expectExactCitations(message);
    expect(message.content[0]!.annotations[0]).toMatchObject({ url: "https://policy-brief.test/2025/12/data-centre-energy" });
  });

  it("does not search for jokes, arithmetic or with tool_choice none; tool_choice forces a search", async () => {
    for (const input of ["Tell me a joke", "What is 2+2?"]) {
      const response = await engine.client.responses.create({ ...question, input });
      expect(response.output.map((item) => item.type)).toEqual(["message"]);
    }
    const none = await engine.client.responses.create({ ...question, tool_choice: "none" });
    expect(none.output.map((item) => item.type)).toEqual(["message"]);
    const forced = await engine.client.responses.create({ ...question, input: "Sourdough bread", tool_choice: { type: "web_search_preview" } });
    expect(forced.output.map((item) => item.type)).toEqual(["web_search_call", "message"]);
  });

  it("recognises fact questions and lookups, not chit-chat", () => {
    for (const text of ["How do tides work?", "Explain recursion", "best way to cook rice", "latest AI chips 2025"]) {
      expect(looksLikeFactQuestion(text), text).toBe(true);
    }
    for (const text of ["Thanks!", "ok", "I like trains."]) expect(looksLikeFactQuestion(text), text).toBe(false);
  });

  it("says so when nothing in the corpus matches", async () => {
    const response = await engine.client.responses.create({ ...question, input: "What is a zyxwvut?" });
    expect((response.output[1] as unknown as Message).content[0]!.text).toMatch(/found no page/);
  });
});

describe("web_search (stream)", () => {
  it("streams the call's events, then the message with annotation.added after the text", async () => {
    const events = await streamEvents(engine, question);
    const annotations = events.filter((e) => e.type === "response.output_text.annotation.added").length;
    expect(annotations).toBeGreaterThan(0);
    expect(shape(events)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.web_search_call.in_progress",
      "response.web_search_call.searching",
      "response.web_search_call.completed",
      "response.output_item.done",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      ...Array<string>(annotations).fill("response.output_text.annotation.added"),
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events[2]).toMatchObject({ output_index: 0, item: { type: "web_search_call", status: "in_progress" } });
    const added = events.filter((e) => e.type === "response.output_text.annotation.added");
    expect(added.map((e) => e.annotation_index)).toEqual(added.map((_, i) => i));
    expect(added[0]).toMatchObject({ output_index: 1, content_index: 0 });
    const final = events.at(-1)!.response as { output: Message[] };
    expectExactCitations(final.output[1]!);
  });

  it("passes the SDK's stream helper, whose final response keeps the citations", async () => {
    const stream = engine.client.responses.stream(question);
    const final = await stream.finalResponse();
    responseSchema.parse(final);
    expect(final.output.map((item) => item.type)).toEqual(["web_search_call", "message"]);
    expectExactCitations(final.output[1] as unknown as Message);
  });
});

describe("web corpus and backend", () => {
  it("holds at least 60 varied pages, 10 of them AI news from 2025-2026", () => {
    expect(pages.length).toBeGreaterThanOrEqual(60);
    expect(new Set(pages.map((p) => p.url)).size).toBe(pages.length);
    for (const page of pages) {
      expect(page.url).toMatch(/^https:\/\/[a-z0-9.-]+\.(example|test)\//);
      expect(page.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(sentencesOf(page.text).length).toBeGreaterThanOrEqual(3);
      expect(sentencesOf(page.text).length).toBeLessThanOrEqual(6);
    }
    const aiNews = pages.filter((p) => /\bAI\b/.test(p.title + p.text) && p.published >= "2025");
    expect(aiNews.length).toBeGreaterThanOrEqual(10);
  });

  it("searches through the WebSearchBackend it is given", async () => {
    const queries: string[] = [];
    const backend: WebSearchBackend = {
      search: (query, limit) => {
        queries.push(`${query}/${limit}`);
        return Promise.resolve([{ title: "T", url: "https://a.test/x", published: "2026-01-01", text: "One fact. Two facts.", score: 1 }]);
      },
    };
    const context: ModelContext = {
      items: [{ id: "msg_1", type: "message", role: "user", content: [{ type: "input_text", text: "Which facts are there?" }] }],
      chainItemCount: 0,
      chainResponseIds: [],
      instructions: null,
      tools: [{ type: "web_search" }],
    };
    const [call, message] = await assistantTurn(context, backend);
    expect(queries).toEqual(["Which facts are there/3"]);
    expect(call).toMatchObject({ type: "web_search", query: "Which facts are there" });
    expect(message).toMatchObject({ type: "message", annotations: [{ url: "https://a.test/x" }, { url: "https://a.test/x" }] });
  });
});
