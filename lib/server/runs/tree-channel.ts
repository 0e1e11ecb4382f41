import "server-only";
import type { Db } from "@/lib/server/db/client";
import { countNodes, findNodeSummary } from "@/lib/server/db/nodes";
import { sseFrame, sseHeaders } from "@/lib/server/http/sse";
import { joinPresence } from "./presence";
import type { Principal } from "@/lib/server/auth/context";
import { hear, type RunSignal } from "./bus";

/** A comment line now and then keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000;

/**
 * The event channel of one tree, for everyone who has it open, on any instance: `arbor.tree` first, with the tree's
 * node count, once the channel hears every change; `arbor.node` with a node's summary
 * when it is created, changes or ends; `arbor.progress` when a running node's events are saved (follow
 * `/api/nodes/:id/events` for the stream itself); `arbor.deleted` with the ids of deleted nodes; `arbor.resync` when
 * changes may have been missed (read the tree again).
 */
export function treeChannel(db: Db, treeId: string, viewer?: Principal): Response {
  const encoder = new TextEncoder();
  let close = () => undefined as void;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      let unsubscribe: (() => void) | null = null;
      const write = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      // Who else has the tree open: `arbor.presence` with everyone viewing it (lib/server/runs/presence.ts).
      const presence = viewer ? joinPresence(treeId, viewer, (viewers) => write(sseFrame("arbor.presence", { viewers }))) : null;
      const onSignal = (signal: RunSignal) => {
        if (signal.kind === "cancel" || signal.treeId !== treeId) return;
        if (signal.kind === "events") write(sseFrame("arbor.progress", { nodeId: signal.nodeId, lastSeq: signal.lastSeq }));
        else if (signal.kind === "deleted") write(sseFrame("arbor.deleted", { nodeIds: signal.nodeIds }));
        else {
          void findNodeSummary(db, signal.nodeId).then(
            (node) => node && write(sseFrame("arbor.node", { node })),
            () => write(sseFrame("arbor.resync", {})), // could not read it now: the viewer reads the tree again
          );
        }
      };
      const keepAlive = setInterval(() => write(": keep-alive\n\n"), KEEP_ALIVE_MS);
      close = () => {
        open = false;
        clearInterval(keepAlive);
        unsubscribe?.();
        presence?.leave();
      };
      // The hello comes once every later change will be heard, with the tree's node count then: a viewer whose read
      // of the tree holds another count missed a node made or deleted between its read and this channel.
      void hear(onSignal, () => write(sseFrame("arbor.resync", {})))
        .then(async (stop) => {
          if (!open) return stop();
          unsubscribe = stop;
          // Without a count (the database did not answer now), the hello alone: the viewer keeps its read.
          const nodeCount = await countNodes(db, treeId).catch(() => undefined);
          write(sseFrame("arbor.tree", { treeId, nodeCount }));
        })
        .catch(() => write(sseFrame("arbor.resync", {})));
    },
    cancel() {
      close();
    },
  });
  return new Response(body, { status: 200, headers: sseHeaders });
}
