import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { responseSchema, urlCitationSchema } from "@/lib/responses/schemas";
import { serve, type Served } from "./support/http";
import { offlineEngineForThisFile } from "./support/offline";

// A stand-in for a SearxNG instance (none can run here): its JSON API, answering from two fixed results.
let searxng: Served;
const queries: string[] = [];
let failing = false;
const engine = offlineEngineForThisFile();

beforeAll(async () => {
  searxng = await serve((request) => {
    const url = new URL(request.url);
    queries.push(`${url.pathname}?${url.searchParams.toString()}`);
    if (failing) return Promise.resolve(new Response("down", { status: 502 }));
    return Promise.resolve(
      Response.json({
        results: [
          { title: "Fjord ferries add electric boats", url: "https://ferries.example/electric", content: "Three fjord ferries now run on batteries. They charge at each quay in ten minutes.", publishedDate: "2026-05-02" },
          { title: "Not a web page", url: "ftp://files.example/x", content: "Skipped." },
          { title: "Battery ferries cut noise", url: "https://harbour.example/noise", content: "Harbour residents report quieter mornings since the electric ferries started." },
        ],
      }),
    );
  });
  process.env.ARBOR_SEARXNG_URL = `${searxng.url}/searx`;
  resetEnvForTests();
});
afterAll(async () => {
  delete process.env.ARBOR_SEARXNG_URL;
  resetEnvForTests();
  await searxng.close();
});

describe("web_search through SearxNG (ARBOR_SEARXNG_URL)", () => {
  it("asks SearxNG's JSON API and cites its results at exact spans", async () => {
    const response = await engine.client.responses.create({ model: "offline-assistant", input: "What's new with electric ferries?", tools: [{ type: "web_search" }] });
    responseSchema.parse(response);
    expect(queries.at(-1)).toMatch(/^\/searx\/search\?q=.*ferries.*&format=json$/);
    const message = response.output.find((item) => item.type === "message")!;
    const part = message.content[0]!;
    const annotations = (part.type === "output_text" ? part.annotations : []).map((a) => urlCitationSchema.parse(a));
    expect(annotations.map((a) => a.url)).toEqual(expect.arrayContaining(["https://ferries.example/electric"]));
    expect(annotations.every((a) => a.url.startsWith("https://"))).toBe(true);
    for (const a of annotations) expect(part.type === "output_text" && part.text.slice(a.start_index, a.end_index)).toMatch(/\.$/);
  });

  it("says plainly when the search backend fails", async () => {
    failing = true;
    const response = await engine.client.responses.create({ model: "offline-assistant", input: "What's new with electric ferries?", tools: [{ type: "web_search" }] });
    failing = false;
    expect(response.output.map((item) => item.type)).toEqual(["web_search_call", "message"]);
    expect(response.output_text).toMatch(/The web search failed \(SearxNG at .* answered HTTP 502\)/);
  });
});
