"use client";

import { compactedResponseSchema } from "@/lib/responses/schemas";
import { inputText } from "@/lib/responses/input";
import { compactedSource, compactedSourceText } from "@/lib/tree/compacted";
import type { TreeIndex } from "@/lib/tree/tree-index";
import type { NodeDetail, NodeSummary } from "@/lib/contracts/nodes";
import { useExplorer } from "@/lib/client/explorer-context";
import { Button } from "@/components/ui/button";
import { ItemIcon } from "@/components/ui/item-icon";

/**
 * The Answer tab of a root made by "compact from this node": where it came from (a button to go there), what the
 * compacted context holds (the user messages kept as they were, and the compaction items that stand for the rest),
 * and that a fork from here continues from it.
 */
export function CompactedRoot({ summary, detail, index }: { summary: NodeSummary; detail: NodeDetail | undefined; index: TreeIndex }) {
  const select = useExplorer((s) => s.select);
  const source = compactedSource(index, summary);
  const parsed = compactedResponseSchema.safeParse(detail?.response);
  const output = parsed.success ? parsed.data.output : [];
  const kept = output.filter((item) => item.type === "message").map((item) => inputText([item]));
  const compactions = output.length - kept.length;

  return (
    <section aria-label="Compacted context" data-testid="compacted-root" className="space-y-3">
      <div className="flex min-w-0 items-center gap-2 rounded-lg border border-indigo-200 bg-indigo-50 px-3 py-2 text-[13px] text-indigo-900 dark:border-indigo-900/60 dark:bg-indigo-950/40 dark:text-indigo-200">
        <ItemIcon icon="compaction" width={14} height={14} className="shrink-0" />
        <span className="min-w-0 truncate" data-testid="compacted-from-note">
          {source ? compactedSourceText(source) : "Compacted context"}
        </span>
        {source?.node ? (
          <Button size="sm" variant="secondary" className="ml-auto" onClick={() => select(source.id)}>
            Go to that node
          </Button>
        ) : null}
      </div>
      <p className="text-[13px] leading-relaxed text-zinc-600 dark:text-zinc-400">
        A new root whose context is that branch compacted by the provider (<span className="font-mono">/responses/compact</span>).
        A fork from here sends this context in place of the full history.
      </p>
      {parsed.success ? (
        <>
          <h3 className="text-[11px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
            Kept as they were: {kept.length} user {kept.length === 1 ? "message" : "messages"}
          </h3>
          <ol className="space-y-1.5">
            {kept.map((text, i) => (
              <li key={i} className="rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-1.5 text-[13px] whitespace-pre-wrap text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200">
                {text || <span className="text-zinc-400 italic">(no text)</span>}
              </li>
            ))}
          </ol>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            Everything else is folded into {compactions === 1 ? "one compaction item" : `${compactions} compaction items`} (opaque; see the Tools tab).
          </p>
        </>
      ) : detail ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">The saved answer is not a compaction the app can read; the Response tab shows it as it is.</p>
      ) : null}
    </section>
  );
}
