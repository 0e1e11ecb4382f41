import "server-only";
import type { NodeDetail } from "@/lib/tree/types";
import { sseFrame, sseHeaders } from "./http";
import type { NodeRun } from "./runs";

/**
 * An SSE response that follows a run: `prelude` frames first, then every event (`event:` = its type, data unchanged),
 * then `arbor.done` with the saved node. If the client goes away only the subscription ends; the run goes on.
 */
export function followRun(run: NodeRun, options: { prelude?: [string, unknown][]; after?: number } = {}): Response {
  const encoder = new TextEncoder();
  let unsubscribe: (() => void) | undefined;
  let open = true;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (event: string, data: unknown) => {
        if (open) controller.enqueue(encoder.encode(sseFrame(event, data)));
      };
      for (const [event, data] of options.prelude ?? []) send(event, data);
      unsubscribe = run.subscribe(
        {
          event: (e) => send(e.type, e.data),
          done: (node: NodeDetail) => {
            send("arbor.done", { node });
            if (open) controller.close();
            open = false;
          },
        },
        options.after,
      );
    },
    cancel() {
      open = false;
      unsubscribe?.();
    },
  });
  return new Response(body, { status: 200, headers: sseHeaders });
}

/** Whether the client asked for Server-Sent Events. */
export function wantsEventStream(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes("text/event-stream");
}

/** Wait for a run to be saved. */
export function runFinished(run: NodeRun): Promise<NodeDetail> {
  return new Promise((resolve) => {
    run.subscribe({ event: () => undefined, done: resolve });
  });
}
