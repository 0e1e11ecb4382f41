#!/usr/bin/env node
// A plain openai SDK script against Arbor's offline engine: every tool, the way any OpenAI client would call it.
// Start Arbor first (npm start), then: node scripts/offline-sdk-tour.mjs [http://127.0.0.1:3000]
import OpenAI, { toFile } from "openai";

const base = (process.argv[2] ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const client = new OpenAI({ baseURL: `${base}/api/offline/v1`, apiKey: "offline" });
const model = "offline-assistant";
const show = (label, response) => {
  const types = response.output.map((item) => item.type).join(", ");
  const text = (response.output_text ?? "").replace(/\s+/g, " ").slice(0, 110);
  console.log(`${label.padEnd(22)} ${response.status.padEnd(10)} [${types}] ${text}`);
};

const joke = await client.responses.create({ model, input: "Tell me a joke" });
show("text", joke);
show("chained", await client.responses.create({ model, input: "Tell me another", previous_response_id: joke.id }));

const stream = client.responses.stream({ model, input: "What's the latest news about AI?", tools: [{ type: "web_search" }] });
let events = 0;
for await (const event of stream) if (event.type) events++;
show(`web search (${events} ev)`, await stream.finalResponse());

const file = await client.files.create({
  file: await toFile(Buffer.from("# Station rules\nTelescopes must be booked seven days ahead.\n"), "rules.md"),
  purpose: "assistants",
});
const store = await client.vectorStores.create({ name: "Tour", file_ids: [file.id] });
show("file search", await client.responses.create({
  model,
  input: "How far ahead must telescopes be booked?",
  tools: [{ type: "file_search", vector_store_ids: [store.id] }],
  include: ["file_search_call.results"],
}));

const weather = { type: "function", name: "get_weather", description: "Weather for a city", strict: true,
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false } };
const call = await client.responses.create({ model, input: "What's the weather in Paris?", tools: [weather] });
show("function call", call);
const fc = call.output.find((item) => item.type === "function_call");
show("function output", await client.responses.create({
  model, previous_response_id: call.id, tools: [weather],
  input: [{ type: "function_call_output", call_id: fc.call_id, output: JSON.stringify({ temperature_c: 18, sky: "clear" }) }],
}));

show("code interpreter", await client.responses.create({
  model, input: "What is the mean of 2, 4 and 9?", tools: [{ type: "code_interpreter", container: { type: "auto" } }], include: ["code_interpreter_call.outputs"],
}));
show("reasoning", await client.responses.create({ model, input: "What is 12 * (3 + 4)?", reasoning: { effort: "low", summary: "auto" } }));
const png = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEUlEQVR4nGP4z8DwnwGMgRQAH+4D/dJQfRoAAAAASUVORK5CYII=";
show("image input", await client.responses.create({
  model, input: [{ role: "user", content: [{ type: "input_text", text: "What is in this picture?" }, { type: "input_image", image_url: `data:image/png;base64,${png}`, detail: "auto" }] }],
}));
show("json schema", await client.responses.create({
  model, input: "Give me a city and its country",
  text: { format: { type: "json_schema", name: "place", strict: true, schema: { type: "object", properties: { city: { type: "string" }, country: { type: "string" } }, required: ["city", "country"], additionalProperties: false } } },
}));

let background = await client.responses.create({ model, input: "Tell me a joke", background: true });
const queued = background.status;
while (background.status === "queued" || background.status === "in_progress") {
  await new Promise((r) => setTimeout(r, 200));
  background = await client.responses.retrieve(background.id);
}
show(`background (${queued}→)`, background);

const compacted = await client.responses.compact({ model, previous_response_id: call.id });
console.log(`${"compact".padEnd(22)} ${compacted.object} [${compacted.output.map((i) => i.type).join(", ")}]`);
