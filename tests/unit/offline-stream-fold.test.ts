import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { resetEnvForTests } from "@/lib/env";
import { handleOfflineRequest } from "@/lib/offline/http/router";
import type { JsonObject } from "@/lib/responses/json";
import { reduceStreamEvents } from "@/lib/responses/reducer";

let database: Database;

beforeAll(async () => {
  process.env.ARBOR_OFFLINE_TPS = "0";
  resetEnvForTests();
  database = await openDatabase({ kind: "pglite" });
  setDatabaseForTests(database);
});

afterAll(async () => {
  await database.close();
});

async function streamed(body: Record<string, unknown>): Promise<JsonObject[]> {
  const request = new Request("http://127.0.0.1/api/offline/v1/responses", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...body, stream: true }),
  });
  const text = await (await handleOfflineRequest(request, ["responses"])).text();
  return text
    .split("\n\n")
    .filter((frame) => frame.startsWith("event: "))
    .map((frame) => JSON.parse(frame.split("\n")[1]!.slice("data: ".length)) as JsonObject);
}

const weather = {
  type: "function",
  name: "get_weather",
  description: "Current weather in a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

const cases: Record<string, Record<string, unknown>> = {
  web_search: { input: "How do volcanoes erupt?", tools: [{ type: "web_search" }], include: ["web_search_call.action.sources"] },
  function_call: { input: "Weather in Paris and Rome?", tools: [weather] },
  code_interpreter: { input: "mean of 2, 4, 9", tools: [{ type: "code_interpreter", container: { type: "auto" } }] },
  reasoning: { input: "Why is the sky blue?", tools: [{ type: "web_search" }], reasoning: { effort: "low", summary: "auto" } },
};

describe("Arbor's stream reducer on the offline engine's tool streams", () => {
  for (const [name, body] of Object.entries(cases)) {
    it(`rebuilds the final output of a ${name} stream from its item events alone`, async () => {
      const events = await streamed({ model: "offline-assistant", ...body });
      const terminal = events.at(-1)!;
      expect(terminal.type).toBe("response.completed");
      // Everything but the terminal event: the items must be whole from their own events.
      const state = reduceStreamEvents(events.slice(0, -1));
      expect(state.output).toEqual((terminal.response as { output: JsonObject[] }).output);
    });
  }
});
