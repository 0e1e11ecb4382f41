import { request as httpRequest } from "node:http";
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/responses/schemas";
import { offlineResponses } from "@/lib/server/db/schema";
import { expectApiError, offlineEngineForThisFile } from "./support/offline";

// What a web page can make a browser send to an engine on loopback: requests to a name rebound to 127.0.0.1, forms
// and no-cors posts. Each is refused in OpenAI's error shape, and every answer is marked as data, never a document.

const engine = offlineEngineForThisFile();

/** The OpenAI error body of a response, checked against the shape every OpenAI client reads. */
async function openAiError(response: Response) {
  return apiErrorBodySchema.parse(await response.json()).error;
}

function expectApiHeaders(response: Response) {
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("content-security-policy")).toMatch(/default-src 'none'.*sandbox/);
}

const storedResponses = async () => (await engine.database.db.select({ n: count() }).from(offlineResponses))[0]!.n;

/** POST a raw JSON text. */
const postJson = (path: string, body: string) =>
  fetch(`${engine.url}/v1/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });

/** GET a path with a Host header of our choosing (fetch always sends the URL's own). */
function getWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(engine.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, headers: { host } }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("requests a web page can make (CSRF, DNS rebinding)", () => {
  it("refuses a JSON body sent as text/plain (a no-cors post) with 415, before storing anything", async () => {
    const before = await storedResponses();
    const response = await fetch(`${engine.url}/v1/responses`, {
      method: "POST",
      headers: { "content-type": "text/plain;charset=UTF-8" },
      body: JSON.stringify({ model: "offline-echo", input: "from another site" }),
    });
    expect(response.status).toBe(415);
    expect(await openAiError(response)).toMatchObject({
      type: "invalid_request_error",
      param: null,
      code: "unsupported_media_type",
      message: expect.stringContaining("application/json") as unknown,
    });
    expectApiHeaders(response);
    expect(await storedResponses()).toBe(before);
  });

  it("refuses a body without a Content-Type, on every JSON endpoint", async () => {
    const body = () => new Blob([JSON.stringify({ model: "offline-echo", input: "x" })]);
    expect((await fetch(`${engine.url}/v1/responses/compact`, { method: "POST", body: body() })).status).toBe(415);
    expect((await fetch(`${engine.url}/v1/vector_stores`, { method: "POST", body: body() })).status).toBe(415);
  });

  it("refuses what a browser marks as sent by another site", async () => {
    const crossSite = await fetch(`${engine.url}/v1/models`, { headers: { "sec-fetch-site": "cross-site" } });
    expect(crossSite.status).toBe(403);
    expect(await openAiError(crossSite)).toMatchObject({ type: "invalid_request_error", code: "cross_origin_request" });
    const otherOrigin = await fetch(`${engine.url}/v1/responses`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ model: "offline-echo", input: "x" }),
    });
    expect(otherOrigin.status).toBe(403);
    expectApiHeaders(otherOrigin);
  });

  it("refuses a request addressed to a host name it does not answer to, and answers loopback names", async () => {
    const { port } = new URL(engine.url);
    const rebound = await getWithHost("/v1/models", `evil.example:${port}`);
    expect(rebound.status).toBe(403);
    expect(apiErrorBodySchema.parse(JSON.parse(rebound.body)).error).toMatchObject({
      type: "invalid_request_error",
      code: "host_not_allowed",
      message: expect.stringContaining("evil.example") as unknown,
    });
    expect((await getWithHost("/v1/models", `localhost:${port}`)).status).toBe(200);
  });

  it("sets the security headers on every answer: JSON, errors and streams", async () => {
    expectApiHeaders(await fetch(`${engine.url}/v1/models`));
    expectApiHeaders(await fetch(`${engine.url}/v1/nothing-here`));
    const stream = await fetch(`${engine.url}/v1/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "offline-echo", input: "x", stream: true }),
    });
    expectApiHeaders(stream);
    expect(await stream.text()).toContain("data: [DONE]");
  });
});

describe("malformed JSON bodies", () => {
  it("answers 400 for a NUL character anywhere in a JSON body, which could not be stored", async () => {
    const before = await storedResponses();
    const response = await postJson("responses", JSON.stringify({ model: "offline-echo", input: [{ role: "user", content: "a\u0000b" }] }));
    expect(response.status).toBe(400);
    expect(await openAiError(response)).toMatchObject({ type: "invalid_request_error", message: expect.stringContaining("NUL") as unknown });
    expect(await storedResponses()).toBe(before);
  });

  it("answers 400 for JSON nested 5,000 levels deep", async () => {
    const deep = `{"model":"offline-echo","input":"x","metadata":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    const response = await postJson("responses", deep);
    expect(response.status).toBe(400);
    expect(await openAiError(response)).toMatchObject({ type: "invalid_request_error", message: expect.stringContaining("levels deep") as unknown });
  });
});

describe("malformed requests", () => {
  it("refuses a message content part of an unknown type, naming where it is", async () => {
    const err = await expectApiError(
      engine.client.responses.create({
        model: "offline-echo",
        input: [{ role: "user", content: [{ type: "input_text", text: "hi" }, { type: "bogus" } as never] }],
      }),
      400,
      "invalid_value",
      "input[0].content[1].type",
    );
    expect(err.type).toBe("invalid_request_error");
    expect(err.message).toContain("Invalid value: 'bogus'. Supported values are: 'input_text', 'input_image', 'input_file', 'output_text', 'refusal'.");
  });

  it("answers a wrong method on a known path with an OpenAI-shaped 405 and Allow, an unknown path with 404", async () => {
    const put = await fetch(`${engine.url}/v1/responses`, { method: "PUT", headers: { "content-type": "application/json" }, body: "{}" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("POST");
    expect(await openAiError(put)).toMatchObject({ type: "invalid_request_error", code: "method_not_allowed" });
    const patch = await fetch(`${engine.url}/v1/files/file-abc`, { method: "PATCH" });
    expect(patch.status).toBe(405);
    expect(patch.headers.get("allow")).toBe("GET, HEAD, DELETE");
    expectApiHeaders(patch);
    const unknown = await fetch(`${engine.url}/v1/unknown/path`, { method: "PATCH" });
    expect(unknown.status).toBe(404);
    expect(await openAiError(unknown)).toMatchObject({ type: "invalid_request_error" });
  });

  it("answers HEAD as GET and OPTIONS with the methods a path takes", async () => {
    const head = await fetch(`${engine.url}/v1/models`, { method: "HEAD" });
    expect(head.status).toBe(200);
    const options = await fetch(`${engine.url}/v1/responses/resp_x`, { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, DELETE");
  });

  it("answers 404 for an id that is not a valid percent-encoding", async () => {
    const response = await fetch(`${engine.url}/v1/responses/%E0%A4%A`);
    expect(response.status).toBe(404);
    expect(await openAiError(response)).toMatchObject({ type: "invalid_request_error" });
  });
});
