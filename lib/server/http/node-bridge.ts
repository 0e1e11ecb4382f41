import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

// A fetch-style handler (Request in, Response out) served on Node's own HTTP objects: the request's body streamed in,
// the answer's body written chunk by chunk as it comes (SSE stays live), backpressure kept, and a client that goes
// away seen by the handler (its request's signal aborts, its answer's stream is cancelled).

type FetchHandler = (request: Request) => Promise<Response>;

/** A body of at most this many bytes, with its length declared, is read whole before the handler runs. */
const READ_WHOLE_BYTES = 1 << 20;

/**
 * The web Request of a Node request (its URL on the Host it was sent to). A small body with a Content-Length is read
 * first (cheaper than a web stream over Node's); any other is streamed, so the handler's own limit applies to it.
 */
export async function toWebRequest(req: IncomingMessage, signal: AbortSignal): Promise<Request> {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const length = Number(req.headers["content-length"] ?? Number.NaN);
  const whole = hasBody && Number.isInteger(length) && length >= 0 && length <= READ_WHOLE_BYTES;
  const body = !hasBody ? undefined : whole ? await readWhole(req) : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
    method: req.method,
    headers,
    body,
    signal,
    // Node's fetch needs this for a streamed request body.
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

/** The whole body of a request whose declared length is small. */
async function readWhole(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** Write a web Response to a Node response: status, headers, then the body as it comes, until the client leaves. */
export async function writeWebResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers) if (name !== "set-cookie") headers[name] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const gone = () => void reader.cancel().catch(() => undefined);
  res.once("close", gone);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } catch {
    res.destroy(); // the answer failed midway: the client sees a cut connection, as from any server
  } finally {
    res.off("close", gone);
  }
}

/** Resolves when the client has taken what was written (or has gone). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/** A Node request listener for a fetch-style handler. */
export function nodeListener(handler: FetchHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const controller = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    void (async () => {
      const response = await handler(await toWebRequest(req, controller.signal));
      await writeWebResponse(response, res);
    })().catch(() => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "Arbor had an internal error while processing your request.", type: "server_error", param: null, code: "server_error" } }));
    });
  };
}
