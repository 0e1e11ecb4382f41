import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/responses/schemas";
import { offlineEngineForThisFile } from "./support/offline";

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
