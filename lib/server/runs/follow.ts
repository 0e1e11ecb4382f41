import "server-only";
import type { Answers } from "@/lib/contracts/answers";
import type { NodeDetail } from "@/lib/contracts/nodes";
import { json } from "@/lib/server/http/respond";
import { sseHeaders } from "@/lib/server/http/sse";
import { jsonText } from "@/lib/server/raw-json";
import type { NodeRun } from "./node-run";

/**
 * An SSE response that follows a run: `prelude` frames first, then every event (`event:` = its type, data unchanged),
 * then `arbor.done` with the saved node. If the client goes away only the subscription ends; the run goes on.
 */
export function followRun(run: NodeRun, options: { prelude?: [string, unknown][]; after?: number } = {}): Response {
  const encoder = new TextEncoder();
  let unsubscribe: (() => void) | undefined;
  let open = true;
  // Frames published in one turn of the event loop go out as one chunk: one encode and one socket write for a run
  // of events instead of one each (the writes per event were a tenth of a long stream).
  let pending = "";
  let scheduled = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const flush = () => {
        scheduled = false;
        if (!open || pending === "") return;
        const text = pending;
        pending = "";
        controller.enqueue(encoder.encode(text));
      };
      const send = (event: string, json: string, now = false) => {
        if (!open) return;
        pending += `event: ${event}\ndata: ${json}\n\n`;
        if (now) flush();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      };
      for (const [event, data] of options.prelude ?? []) send(event, JSON.stringify(data), true);
      unsubscribe = run.subscribe(
        {
          // An event's data is forwarded as the text it arrived as, when it did not change (see jsonText).
          event: (e) => send(e.type, jsonText(e.data)),
          done: (node: NodeDetail) => {
            send("arbor.done", JSON.stringify({ node }), true);
            if (open) controller.close();
            open = false;
          },
        },
        options.after,
      );
      // What a late follower is replayed goes out at once.
      flush();
    },
    cancel() {
      open = false;
      unsubscribe?.();
    },
  });
  return new Response(body, { status: 200, headers: sseHeaders });
}

/**
 * The JSON answer for a node creation that waited for the end: 201 with the node, or, when the provider failed, the
 * provider's failure (a 429 stays a 429 with its retry delay) with the saved node, which can be retried.
 */
export function finishedNodeResponse(node: NodeDetail): Response {
  if (node.status !== "failed" || !node.error) return json<Answers["POST /api/trees/:id/nodes"]>({ node }, 201);
  const limited = node.error.status === 429;
  const retryAfter = node.error.retryAfterSeconds;
  const body = {
    error: { code: limited ? "rate_limited" : "upstream_error", message: node.error.message, ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}) },
    node,
  };
  return json(body, limited ? 429 : 502, retryAfter !== undefined ? { "retry-after": String(retryAfter) } : {});
}
