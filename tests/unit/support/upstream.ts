import { serve, type Served } from "./http";

/** A Responses stream for a text answer, in OpenAI's event order (a stand-in provider for failure and timing tests). */
export function textAnswerEvents(id: string, words: string[]): Record<string, unknown>[] {
  const text = words.join("");
  const base = { id, object: "response", created_at: 0, model: "stub", status: "in_progress", output: [], usage: null };
  const item = { id: `msg_${id}`, type: "message", role: "assistant", status: "in_progress", content: [] };
  const done = { ...item, status: "completed", content: [{ type: "output_text", text, annotations: [], logprobs: [] }] };
  const events: Record<string, unknown>[] = [
    { type: "response.created", response: base },
    { type: "response.in_progress", response: base },
    { type: "response.output_item.added", output_index: 0, item },
    { type: "response.content_part.added", output_index: 0, content_index: 0, item_id: item.id, part: { type: "output_text", text: "", annotations: [] } },
    ...words.map((delta) => ({ type: "response.output_text.delta", output_index: 0, content_index: 0, item_id: item.id, delta, logprobs: [] })),
    { type: "response.output_item.done", output_index: 0, item: done },
    {
      type: "response.completed",
      response: { ...base, status: "completed", output: [done], usage: { input_tokens: 3, output_tokens: words.length, total_tokens: 3 + words.length } },
    },
  ];
  return events.map((e, sequence_number) => ({ ...e, sequence_number }));
}

export type StubRequest = { authorization: string | null; body: Record<string, unknown>; path: string; aborted: boolean };
export type StubProvider = Served & {
  requests: StubRequest[];
  /** Answer the next `count` requests with the error of `options.status` (as a provider having a bad moment). */
  failNext: (count: number) => void;
};

export type StubOptions = {
  /** The stream to send, or a function of the request's Authorization header (to echo it, as some gateways do). */
  events?: Record<string, unknown>[] | ((authorization: string) => Record<string, unknown>[]);
  delayMs?: number;
  /** Answer this status instead of a stream (always, or only while `failNext` says so when `failOnDemand` is set). */
  status?: number;
  failOnDemand?: boolean;
  /** The error message, or a function of the Authorization header. */
  errorMessage?: string | ((authorization: string) => string);
  /** Headers of the error answer (`retry-after`…). */
  errorHeaders?: Record<string, string>;
};

/**
 * A stand-in for a remote provider (OpenAI's servers cannot be reached here): streams `events` with `delayMs` between
 * them, or answers an error when `status` is not 200, and records what each request carried and whether it was
 * aborted by the caller.
 */
export async function stubProvider(options: StubOptions): Promise<StubProvider> {
  const requests: StubProvider["requests"] = [];
  let failures = 0;
  const served = await serve(async (request) => {
    const authorization = request.headers.get("authorization");
    const text = await request.text();
    const record: StubRequest = { authorization, body: (text ? JSON.parse(text) : {}) as Record<string, unknown>, path: new URL(request.url).pathname, aborted: false };
    requests.push(record);
    request.signal.addEventListener("abort", () => (record.aborted = true), { once: true });
    const failing = options.status && options.status !== 200 && (!options.failOnDemand || failures-- > 0);
    if (failing) {
      const message = typeof options.errorMessage === "function" ? options.errorMessage(authorization ?? "") : (options.errorMessage ?? `stub failure ${options.status}`);
      return Response.json({ error: { message, type: "server_error", code: null } }, { status: options.status, headers: options.errorHeaders });
    }
    const encoder = new TextEncoder();
    const events = typeof options.events === "function" ? options.events(authorization ?? "") : (options.events ?? []);
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        for (const e of events) {
          if (request.signal.aborted) break;
          controller.enqueue(encoder.encode(`event: ${String(e.type)}\ndata: ${JSON.stringify(e)}\n\n`));
          await new Promise((r) => setTimeout(r, options.delayMs ?? 0));
        }
        if (!request.signal.aborted) controller.enqueue(encoder.encode("data: [DONE]\n\n"));
        controller.close();
      },
    });
    return new Response(body, { headers: { "content-type": "text/event-stream" } });
  });
  return { ...served, requests, failNext: (count) => (failures = count) };
}
