import "server-only";
import type { NodeEvent } from "@/lib/contracts/nodes";
import type { Db } from "@/lib/server/db/client";
import { listEvents } from "@/lib/server/db/events";
import { findNode, toDetail } from "@/lib/server/db/nodes";
import type { NodeRow } from "@/lib/server/db/schema";
import { sseFrame, sseHeaders } from "@/lib/server/http/sse";
import { isRunning } from "@/lib/tree/node-status";
import { hear } from "./bus";

// Runs that another instance owns (or that ended) are followed through the database: a run-bus signal says when to
// read it again, and a slow timer reads it anyway, so a signal lost in a reconnect only delays an event.

/** How often the database is read while nothing is heard (the safety net under the run bus). */
const POLL_MS = 1_000;
/** How long a remote cancel or delete waits for the owner to settle the node. */
const END_WAIT_MS = 10_000;

/**
 * Wait until the node's row is no longer running (it finished, was cancelled, was swept, or was deleted), at most
 * `timeoutMs`; answers the row as it then stands (null when it is gone).
 */
export async function waitForNodeEnd(db: Db, nodeId: string, timeoutMs = END_WAIT_MS): Promise<NodeRow | null> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    let settled = false;
    let unsubscribe: (() => void) | null = null;
    const finish = (row: NodeRow | null) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      unsubscribe?.();
      resolve(row);
    };
    const look = () =>
      void findNode(db, nodeId).then(
        (row) => {
          if (!row || !isRunning(row) || Date.now() > deadline) finish(row);
        },
        () => undefined, // the database is unavailable for now: the timer looks again
      );
    const timer = setInterval(look, Math.min(POLL_MS, timeoutMs));
    void hear((signal) => {
      if ((signal.kind === "node" && signal.nodeId === nodeId) || (signal.kind === "deleted" && signal.nodeIds.includes(nodeId))) look();
    }, look).then((stop) => {
      if (settled) stop();
      else unsubscribe = stop;
    });
    // Look once now: the node may have ended before anyone listened.
    look();
  });
}

/**
 * An SSE response that follows a node through the database: its stored events after `after`, each new batch as the
 * owner saves it, then `arbor.done` with the saved node (or `arbor.deleted` if it goes). Serves a follower on any
 * instance, for a run owned by any other, and a node that already ended.
 */
export function followStored(db: Db, nodeId: string, after: number): Response {
  const encoder = new TextEncoder();
  let close = () => undefined as void;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let last = after;
      let open = true;
      let reading: Promise<void> | null = null;
      let again = false;
      let unsubscribe: (() => void) | null = null;
      const send = (event: string, data: unknown) => {
        if (open) controller.enqueue(encoder.encode(sseFrame(event, data)));
      };
      const end = () => {
        if (!open) return;
        open = false;
        clearInterval(timer);
        unsubscribe?.();
        controller.close();
      };
      close = () => {
        open = false;
        clearInterval(timer);
        unsubscribe?.();
      };
      // One read at a time, in order; a wake-up during a read asks for one more.
      const read = async (): Promise<void> => {
        const events: NodeEvent[] = await listEvents(db, nodeId, last);
        for (const event of events) send(event.type, event.data);
        if (events.length > 0) last = events.at(-1)!.seq;
        const row = await findNode(db, nodeId);
        if (!row) {
          send("arbor.deleted", { nodeId });
          end();
        } else if (!isRunning(row)) {
          // The last batch is saved before the outcome: read once more after the row says it ended.
          for (const event of await listEvents(db, nodeId, last)) send(event.type, event.data);
          send("arbor.done", { node: toDetail(row) });
          end();
        }
      };
      const wake = () => {
        if (!open) return;
        if (reading) {
          again = true;
          return;
        }
        reading = read()
          .catch(() => undefined) // the database is unavailable for now: the next wake-up reads again
          .finally(() => {
            reading = null;
            if (again) {
              again = false;
              wake();
            }
          });
      };
      const timer = setInterval(wake, POLL_MS);
      void hear((signal) => {
        if (signal.kind === "deleted" ? signal.nodeIds.includes(nodeId) : signal.kind !== "cancel" && signal.nodeId === nodeId) wake();
      }, wake).then((stop) => {
        if (open) unsubscribe = stop;
        else stop();
      });
      wake();
    },
    cancel() {
      close();
    },
  });
  return new Response(body, { status: 200, headers: sseHeaders });
}
