"use client";

import { useState } from "react";
import { ArborError } from "@/lib/contracts/errors";
import { useExplorer } from "@/lib/client/explorer-context";
import { isRateLimit, rateLimitMessage, type RateLimit } from "@/lib/client/failures";
import { useCancelNode } from "@/lib/client/mutations";
import { useStreamingNodeId } from "@/lib/client/run-store";
import { NodeStreamError, useCreateNode, type NodeRequest } from "@/lib/client/use-create-node";
import type { ComposerError } from "./composer-notices";
import type { Draft } from "./use-draft";

/**
 * Sending from the composer: creates the node (streamed), says what went wrong when something did, and puts the
 * draft back so nothing typed is lost. Stop cancels the node this tab is streaming in the tree.
 */
export function useNodeSender(treeId: string, { providerLabel, restore }: { providerLabel: string; restore: (draft: Draft) => void }) {
  const createNode = useCreateNode(treeId);
  const cancel = useCancelNode();
  const streamingId = useStreamingNodeId(treeId);
  const setMode = useExplorer((s) => s.setComposerMode);
  // A rate limit keeps its numbers, not its words: the provider's name may still be loading when it happens.
  const [error, setError] = useState<(ComposerError & { rateLimit?: RateLimit }) | null>(null);

  /** Send `request`; `draft` is what it took from the box (null when it sends nothing typed, as Regenerate). */
  async function submit(request: NodeRequest, draft: Draft | null): Promise<void> {
    setError(null);
    // A rate limit is worth trying again as it was: the box's message (put back below) or the same request.
    // The box's message goes to the parent it was sent to, whatever is selected by then (the failed node, usually).
    const retry = draft && "create" in request ? { resendTo: request.create.parentId ?? null } : request;
    try {
      const node = await createNode.mutateAsync(request);
      if (node.status !== "failed") {
        setMode("continue");
        return;
      }
      setError(
        isRateLimit(node.error)
          ? { title: "Rate limited", message: "", rateLimit: node.error ?? undefined, code: node.error?.code, retry }
          : {
              title: "The model call failed",
              message: `${(node.error?.message ?? "No details were given").replace(/\.?$/, ".")} Your message is back in the box: send it again as a sibling, or use Retry in the inspector.`,
              code: node.error?.code,
            },
      );
      // The text goes back in the box; the mode stays what the user chose (it never switches by itself).
      if (draft) restore(draft);
    } catch (err) {
      const saved = err instanceof NodeStreamError ? err.node : null;
      const reason = err instanceof NodeStreamError ? err.reason : err instanceof Error ? err : new Error(String(err));
      const code = reason instanceof ArborError ? reason.code : undefined;
      if (reason instanceof ArborError && isRateLimit(reason)) setError({ title: "Rate limited", message: "", rateLimit: reason, code, retry });
      else setError({ title: saved ? "The stream was interrupted" : "Could not send", message: reason.message, code });
      if (!saved && draft) restore(draft);
    }
  }

  async function stop(): Promise<void> {
    if (streamingId === null) return;
    try {
      await cancel.mutateAsync(streamingId);
    } catch (err) {
      setError({ title: "Could not stop the node", message: err instanceof Error ? err.message : String(err) });
    }
  }

  const shown: ComposerError | null = error?.rateLimit ? { ...error, message: rateLimitMessage(error.rateLimit, providerLabel) ?? "" } : error;
  return { submit, stop, busy: streamingId !== null, error: shown, dismiss: () => setError(null) };
}
