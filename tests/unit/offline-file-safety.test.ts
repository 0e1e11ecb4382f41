import { count } from "drizzle-orm";
import { toFile } from "openai";
import { describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/responses/schemas";
import { offlineFiles } from "@/lib/server/db/schema";
import { expectApiError, offlineEngineForThisFile } from "./support/offline";
import { makePdf } from "./support/pdf";

// Uploads are where a web page, or a careless client, can hand the engine the most: endless bodies, pages to be opened
// later, names and bytes that are not what they say.

const engine = offlineEngineForThisFile();

async function openAiError(response: Response) {
  return apiErrorBodySchema.parse(await response.json()).error;
}

const upload = async (name: string, content: string | Buffer) =>
  engine.client.files.create({ file: await toFile(Buffer.from(content), name), purpose: "assistants" });

const storedFiles = async () => (await engine.database.db.select({ n: count() }).from(offlineFiles))[0]!.n;

function expectInert(response: Response) {
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("content-security-policy")).toMatch(/default-src 'none'.*sandbox/);
}

describe("file content (stored XSS)", () => {
  it("serves an uploaded HTML page as a download of bytes, never as a document", async () => {
    const file = await upload("page.html", "<html><body><script>alert(document.cookie)</script></body></html>");
    const response = await fetch(`${engine.url}/v1/files/${file.id}/content`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="page.html"; filename*=UTF-8''page.html`);
    expectInert(response);
    expect(await response.text()).toContain("<script>");
  });

  it("keeps an inert type, and encodes a file name that holds quotes and other characters", async () => {
    const file = await upload('notes "draft" ü.txt', "plain words");
    const response = await fetch(`${engine.url}/v1/files/${file.id}/content`);
    expect(response.headers.get("content-type")).toBe("text/plain");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="notes _draft_ _.txt"; filename*=UTF-8''notes%20%22draft%22%20%C3%BC.txt`,
    );
    expectInert(response);
    expect(await response.text()).toBe("plain words");
  });
});

describe("upload bodies", () => {
  it("refuses an upload that is not multipart/form-data", async () => {
    const response = await fetch(`${engine.url}/v1/files`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(response.status).toBe(415);
    expect(await openAiError(response)).toMatchObject({ type: "invalid_request_error", message: expect.stringContaining("multipart/form-data") as unknown });
  });

  it("stops reading a chunked upload at the limit and answers 413", async () => {
    const chunk = new Uint8Array(256 * 1024).fill(97);
    const total = 100 * 1024 * 1024;
    let pulled = 0;
    const head = '--b\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n';
    // No Content-Length: the body is streamed in chunks, made only as fast as the engine reads them.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(head));
      },
      pull(controller) {
        if (pulled >= total) {
          controller.enqueue(new TextEncoder().encode("\r\n--b--\r\n"));
          return controller.close();
        }
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${engine.url}/v1/files`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=b" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await openAiError(response)).toMatchObject({ type: "invalid_request_error", code: "file_too_large", param: "file" });
    // The engine stopped after about the 10 MB limit; what was made beyond it sat in socket buffers.
    expect(pulled).toBeLessThan(40 * 1024 * 1024);
  });
});

describe("files that are not what they say", () => {
  it("refuses a file name with a NUL character, and a .pdf that is not a PDF, before storing them", async () => {
    const before = await storedFiles();
    const nul = await expectApiError(upload("evil\u0000.txt", "text"), 400, "invalid_value", "file");
    expect(nul.message).toMatch(/file name contains a control character/);
    const fake = await expectApiError(upload("report.pdf", "<html>not a pdf</html>"), 400, "invalid_file", "file");
    expect(fake.message).toContain('"report.pdf" is not a PDF: it has no %PDF- header.');
    expect(await storedFiles()).toBe(before);
    expect((await upload("real.pdf", makePdf(["A real one."]))).filename).toBe("real.pdf");
  });
});
