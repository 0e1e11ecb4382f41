import { describe, expect, it } from "vitest";
import { attributeSources, citeAnswer, citeMessages } from "@/lib/responses/citations";

describe("citeAnswer", () => {
  const text = "Tides follow the moon. Bread needs an hour to rise.";

  it("numbers URL citations and places a marker after the exact span each supports", () => {
    const result = citeAnswer(text, [
      { type: "url_citation", start_index: 0, end_index: 22, url: "https://www.tides.example/moon", title: "Moon and tides" },
      { type: "url_citation", start_index: 23, end_index: 51, url: "https://bread.example/rise", title: "Rising" },
    ]);
    expect(result.markdown).toBe("Tides follow the moon.[1](#cite-1) Bread needs an hour to rise.[2](#cite-2)");
    expect(result.sources[0]).toMatchObject({ n: 1, kind: "url", site: "tides.example", title: "Moon and tides", citedText: "Tides follow the moon." });
    expect(result.sources[1]).toMatchObject({ n: 2, citedText: "Bread needs an hour to rise." });
  });

  it("gives the same source one number, and places file citations at their index", () => {
    const result = citeAnswer(text, [
      { type: "file_citation", file_id: "file-1", filename: "guide.md", index: 22 },
      { type: "file_citation", file_id: "file-1", filename: "guide.md", index: 51 },
    ]);
    expect(result.markdown).toBe("Tides follow the moon.[1](#cite-1) Bread needs an hour to rise.[1](#cite-1)");
    expect(result.sources).toEqual([
      { n: 1, kind: "file", url: null, title: "guide.md", site: null, fileId: "file-1", filename: "guide.md", citedText: null },
    ]);
  });

  it("lists citations in older shapes without placing a marker, and never throws", () => {
    const result = citeAnswer(text, [
      { type: "url_citation", url: "https://old.example", title: "No indexes" },
      { type: "file_citation", file_id: "file-2", filename: "old.pdf", index: null },
      { type: "url_citation", start_index: 5, end_index: 999, url: "not a url", title: "" },
      null,
      "junk",
    ]);
    expect(result.sources.map((s) => [s.n, s.title])).toEqual([
      [1, "No indexes"],
      [2, "old.pdf"],
      [3, "not a url"],
    ]);
    expect(result.markdown).toBe(`${text}[3](#cite-3)`);
    expect(result.sources[2]).toMatchObject({ site: null, citedText: text.slice(5) });
  });
});

describe("citeMessages and attributeSources", () => {
  const search = { id: "ws_1", type: "web_search_call", status: "completed", action: { type: "search", query: "tides" } };
  const files = { id: "fs_1", type: "file_search_call", status: "completed", queries: ["rules"], results: [{ file_id: "file-9", filename: "lab.pdf", text: "Wear goggles.", score: 1 }] };
  const message = (text: string, annotations: unknown[]) => ({ type: "message", role: "assistant", content: [{ type: "output_text", text, annotations }] });

  it("joins the message parts and moves each part's citations to their place in the joined text", () => {
    const output = [
      search,
      message("First.", [{ type: "url_citation", start_index: 0, end_index: 6, url: "https://a.example", title: "A" }]),
      message("Second.", [{ type: "file_citation", file_id: "file-9", filename: "lab.pdf", index: 7 }]),
    ];
    const cited = citeMessages(output);
    expect(cited.markdown).toBe("First.[1](#cite-1)\n\nSecond.[2](#cite-2)");
    expect(cited.sources.map((s) => s.citedText)).toEqual(["First.", null]);
  });

  it("credits each source to the search that found it, or the first search of its kind", () => {
    const output = [search, files, message("x", [])];
    const sources = citeAnswer("ab", [
      { type: "url_citation", start_index: 0, end_index: 1, url: "https://a.example", title: "A" },
      { type: "file_citation", file_id: "file-9", filename: "lab.pdf", index: 2 },
    ]).sources;
    const byItem = attributeSources(sources, output);
    expect(byItem.get(0)?.map((s) => s.n)).toEqual([1]);
    expect(byItem.get(1)?.map((s) => s.n)).toEqual([2]);
    expect(attributeSources(sources, [message("x", [])]).size).toBe(0);
  });
});
