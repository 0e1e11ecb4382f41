import type { ReactNode } from "react";
import type { TreeIndex } from "@/lib/tree/tree-index";
import type { NodeDetail, NodeSummary } from "@/lib/contracts/nodes";

/** How many history items a replayed request re-sent: everything in its input beyond this turn's own items. */
function replayedItems(node: NodeDetail | undefined): number | null {
  const sent = node?.request?.input;
  if (!node || !Array.isArray(sent)) return null;
  return Math.max(0, sent.length - node.input.length);
}

/** One line saying how the node's history reached the model: chained by id, replayed, or a fallback. */
export function ContextNote({ summary, detail, index }: { summary: NodeSummary; detail: NodeDetail | undefined; index: TreeIndex }) {
  const parent = summary.parentId === null ? undefined : index.byId.get(summary.parentId);
  const previousId = typeof detail?.request?.previous_response_id === "string" ? detail.request.previous_response_id : parent?.responseId;

  let text: ReactNode;
  if (summary.contextMode === "chain") {
    text = previousId ? (
      <>
        chain via <span className="font-mono">previous_response_id</span>{" "}
        <span className="font-mono text-zinc-700 dark:text-zinc-300">{previousId}</span>
      </>
    ) : (
      <>root · no history before this turn</>
    );
  } else {
    const count = replayedItems(detail);
    text = count === null ? <>replay: history re-sent as input items</> : <>replay: {count} {count === 1 ? "item" : "items"} re-sent</>;
  }

  return (
    <div className="space-y-1.5 text-xs text-zinc-500 dark:text-zinc-400" data-testid="context-note">
      <p>
        <span className="font-medium text-zinc-600 dark:text-zinc-300">Context:</span> {text}
      </p>
      {summary.contextFallback ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-2 py-1 text-amber-800 dark:border-amber-900/60 dark:bg-amber-950/30 dark:text-amber-300">
          Fallback: chaining failed (the previous response was not found), so the call was retried once in replay mode.
        </p>
      ) : null}
      {!summary.store ? (
        <p className="text-amber-700 dark:text-amber-400">
          Not stored by the provider (store: false): a fork from this node needs replay.
        </p>
      ) : null}
    </div>
  );
}
