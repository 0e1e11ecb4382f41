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

export type StubProvider = Served & { requests: { authorization: string | null; body: Record<string, unknown> }[] };

/**
 * A stand-in for a remote provider (OpenAI's servers cannot be reached here): streams `events` with `delayMs` between
 * them, or answers an error when `status` is not 200, and records what each request carried.
 */
export async function stubProvider(options: { events?: Record<string, unknown>[]; delayMs?: number; status?: number }): Promise<StubProvider> {
  const requests: StubProvider["requests"] = [];
  const served = await serve(async (request) => {
    requests.push({ authorization: request.headers.get("authorization"), body: (await request.json()) as Record<string, unknown> });
    if (options.status && options.status !== 200) {
      return Response.json({ error: { message: `stub failure ${options.status}`, type: "server_error", code: null } }, { status: options.status });
    }
    const encoder = new TextEncoder();
    const events = options.events ?? [];
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
  return { ...served, requests };
}
