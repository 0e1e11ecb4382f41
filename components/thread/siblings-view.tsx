"use client";

import { useMemo } from "react";
import { citeMessages } from "@/lib/responses/citations";
import { formatUsd } from "@/lib/tree/cost";
import { totalTokens } from "@/lib/tree/node-status";
import { differenceText, siblingDifference } from "@/lib/tree/siblings";
import { siblingsOf, type TreeIndex } from "@/lib/tree/tree-index";
import { readUsage } from "@/lib/tree/usage";
import { useExplorer } from "@/lib/client/explorer-context";
import { formatDuration, formatTokens } from "@/lib/client/format";
import { useNodeDetail } from "@/lib/client/queries";
import { useLiveText } from "@/lib/client/run-store";
import { Button } from "@/components/ui/button";
import { EmptyState, Skeleton } from "@/components/ui/feedback";
import { ColumnsIcon } from "@/components/ui/icons";
import { StatusLabel } from "@/components/ui/status";
import { AnswerMarkdown } from "@/components/inspector/markdown";

/**
 * The selected node and its siblings side by side (a fan-out's N answers to one input): each answer with its
 * tokens, latency and cost, so they can be compared at a glance.
 */
export function SiblingsView({ index }: { index: TreeIndex }) {
  const selectedId = useExplorer((s) => s.selectedId);
  const siblings = selectedId !== null && index.byId.has(selectedId) ? siblingsOf(index, selectedId) : [];
  if (siblings.length < 2) {
    return (
      <div className="flex h-full items-center justify-center">
        <EmptyState icon={<ColumnsIcon width={18} height={18} />} title="No siblings to compare">
          Select a node that has siblings (a regenerate, an edit or a fan-out) to read its answers side by side.
        </EmptyState>
      </div>
    );
  }
  return (
    <section aria-label="Siblings side by side" data-testid="siblings-view" className="flex h-full gap-3 overflow-x-auto bg-zinc-50 p-4 dark:bg-zinc-950">
      {siblings.map((id) => (
        <SiblingColumn key={id} id={id} index={index} selected={id === selectedId} />
      ))}
    </section>
  );
}

function SiblingColumn({ id, index, selected }: { id: string; index: TreeIndex; selected: boolean }) {
  const summary = index.byId.get(id)!;
  const select = useExplorer((s) => s.select);
  const detail = useNodeDetail(id);
  const liveText = useLiveText(id);
  const answer = useMemo(() => citeMessages(Array.isArray(detail.data?.response?.output) ? (detail.data.response.output as unknown[]) : []), [detail.data]);
  const difference = useMemo(() => {
    const found = siblingDifference(index, id);
    return found ? differenceText(found) : null;
  }, [index, id]);
  const usage = readUsage(summary.usage);
  const tokens = totalTokens(summary);
  const metrics: [string, string][] = [
    ["Tokens", tokens === null ? "–" : `${formatTokens(tokens)}${usage.output !== null ? ` (${formatTokens(usage.output)} out)` : ""}`],
    ["Latency", summary.durationMs === null ? "–" : formatDuration(summary.durationMs)],
    ["First token", summary.ttftMs === null ? "–" : formatDuration(summary.ttftMs)],
    ["Cost", formatUsd(summary.costUsd)],
  ];
  return (
    <article
      aria-label={summary.label ?? difference ?? summary.model}
      data-testid="sibling-column"
      className={`flex w-80 shrink-0 flex-col rounded-lg border bg-white dark:bg-zinc-900 ${selected ? "border-indigo-400 dark:border-indigo-700" : "border-zinc-200 dark:border-zinc-800"}`}
    >
      <header className="border-b border-zinc-100 px-3 py-2 dark:border-zinc-800">
        <div className="flex items-center gap-2 text-[11.5px]">
          <StatusLabel status={summary.status} quiet />
          <span className="truncate font-mono text-zinc-500 dark:text-zinc-400">{summary.model}</span>
          <Button size="sm" variant="ghost" className="ml-auto" onClick={() => select(id)} aria-pressed={selected}>
            {selected ? "Selected" : "Select"}
          </Button>
        </div>
        <p className="mt-0.5 truncate text-[13px] font-medium text-indigo-700 dark:text-indigo-300">{summary.label ?? difference ?? ""}</p>
        <dl className="mt-1.5 grid grid-cols-2 gap-x-3 gap-y-0.5 text-[11.5px]">
          {metrics.map(([name, value]) => (
            <div key={name} className="flex justify-between gap-2">
              <dt className="text-zinc-500 dark:text-zinc-400">{name}</dt>
              <dd className="font-mono text-zinc-800 tabular-nums dark:text-zinc-200">{value}</dd>
            </div>
          ))}
        </dl>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto px-3 py-2 text-[13px]">
        {liveText !== undefined ? (
          <AnswerMarkdown text={liveText} />
        ) : detail.isPending ? (
          <Skeleton className="h-16" />
        ) : answer.markdown ? (
          <AnswerMarkdown text={answer.markdown} sources={answer.sources} onCite={() => undefined} />
        ) : (
          <p className="text-zinc-500 italic">{summary.error?.message ?? "No text in the answer"}</p>
        )}
      </div>
    </article>
  );
}
