"use client";

import { useMemo } from "react";
import { citeMessages } from "@/lib/responses/citations";
import { itemDefinition } from "@/lib/responses/items";
import { inputImages, inputText } from "@/lib/responses/input";
import { outputText } from "@/lib/responses/summary";
import { isRunning, totalTokens } from "@/lib/tree/node-status";
import { readUsage } from "@/lib/tree/usage";
import type { TreeIndex } from "@/lib/tree/tree-index";
import type { NodeDetail, NodeSummary } from "@/lib/contracts/nodes";
import type { ResponseOutputItem } from "@/lib/responses/types";
import { formatDuration, formatTokens } from "@/lib/client/format";
import { Button } from "@/components/ui/button";
import { ErrorBanner, Skeleton } from "@/components/ui/feedback";
import { StopIcon } from "@/components/ui/icons";
import { RemoteImage } from "@/components/ui/remote-image";
import { Badge } from "@/components/ui/status";
import { formatUsd } from "@/lib/tree/cost";
import { isCompactedRoot } from "@/lib/responses/compacted";
import { CompactedRoot } from "./compacted-root";
import { ContextNote } from "./context-note";
import { useExplorer } from "@/lib/client/explorer-context";
import { SourceList } from "./citations";
import { AnswerMarkdown } from "./markdown";
import { NodeOutcome, PartialNote } from "./node-outcome";
import { ReasoningSummaries } from "./reasoning";

type Props = {
  summary: NodeSummary;
  detail: NodeDetail | undefined;
  detailError: Error | null;
  liveText: string | undefined;
  liveOutput: readonly ResponseOutputItem[] | undefined;
  index: TreeIndex;
  /** Set when the answer broke off: what the note over the kept text says. */
  partialNote: string | null;
  busy: boolean;
  onRetry: () => void;
  onStop: () => void;
};

/** The text each retrieved file chunk held, by file id (file_search_call results, when `include` asked for them). */
function retrievedChunks(output: readonly ResponseOutputItem[]): Map<string, string> {
  const chunks = new Map<string, string>();
  for (const item of output) {
    if (item?.type !== "file_search_call" || !Array.isArray(item.results)) continue;
    for (const r of item.results) {
      if (typeof r?.file_id === "string" && typeof r.text === "string" && !chunks.has(r.file_id)) chunks.set(r.file_id, r.text);
    }
  }
  return chunks;
}

const NO_OUTPUT: ResponseOutputItem[] = [];

function outputItems(detail: NodeDetail | undefined): readonly ResponseOutputItem[] {
  // An imported Response is any JSON object: its output may not be a list.
  const output = detail?.response?.output;
  return Array.isArray(output) ? output : NO_OUTPUT;
}

/** The Answer tab: how the history was sent, what the user asked, the rendered answer, its status and cost. */
export function AnswerPanel({ summary, detail, detailError, liveText, liveOutput, index, partialNote, busy, onRetry, onStop }: Props) {
  const running = isRunning(summary);
  const question = detail ? inputText(detail.input) || summary.inputPreview : summary.inputPreview;
  const images = useMemo(() => (detail ? inputImages(detail.input) : []), [detail]);
  const answer = liveText ?? (detail ? outputText(outputItems(detail)) : undefined);
  const output = liveOutput ?? outputItems(detail);
  const cited = useMemo(() => citeMessages(output), [output]);
  const chunks = useMemo(() => retrievedChunks(output), [output]);
  const showCitationSource = useExplorer((s) => s.showCitationSource);
  const otherItems = summary.itemTypes.filter((type) => type !== "message");

  if (isCompactedRoot(summary)) {
    return (
      <div className="space-y-5">
        <ContextNote summary={summary} detail={detail} index={index} />
        <CompactedRoot summary={summary} detail={detail} index={index} />
        <Metrics summary={summary} />
      </div>
    );
  }

  return (
    <div className="space-y-5">
      <ContextNote summary={summary} detail={detail} index={index} />

      <section aria-label="User input">
        <h3 className="mb-1.5 text-[11px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">You</h3>
        <div className="rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 text-[13.5px] leading-relaxed whitespace-pre-wrap text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200">
          {question || <span className="text-zinc-400 italic">(no text input: {summary.itemTypes.join(", ") || "items"})</span>}
          {images.length > 0 ? (
            <span className="mt-2 flex flex-wrap gap-2" aria-label={`${images.length} input ${images.length === 1 ? "image" : "images"}`}>
              {images.map((src, i) => (
                <RemoteImage key={i} src={src} alt={`Input image ${i + 1}`} data-testid="input-image" className="h-16 max-w-32 rounded border border-zinc-200 object-cover dark:border-zinc-700" />
              ))}
            </span>
          ) : null}
        </div>
      </section>

      <ReasoningSummaries items={liveOutput ?? outputItems(detail)} />

      <section aria-label="Answer" aria-busy={running}>
        <h3 className="mb-1.5 flex items-center gap-2 text-[11px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
          Answer
          {running ? <span className="font-normal tracking-normal normal-case text-indigo-600 dark:text-indigo-400">streaming…</span> : null}
        </h3>
        {answer === undefined ? (
          detailError ? (
            <ErrorBanner title="Could not load this node" message={detailError.message} />
          ) : running ? (
            <p className="text-[13px] text-zinc-500">
              {summary.outputPreview || "Running in another tab or process; this view refreshes every few seconds."}
            </p>
          ) : (
            <div className="space-y-2" aria-label="Loading answer">
              <Skeleton className="h-4 w-11/12" />
              <Skeleton className="h-4 w-10/12" />
              <Skeleton className="h-4 w-7/12" />
            </div>
          )
        ) : answer === "" ? (
          <p className={`text-[13px] text-zinc-400 italic ${running ? "arbor-caret" : ""}`}>
            {running ? "Waiting for the first token" : summary.status === "failed" ? "No answer arrived before the call failed." : "No text in this answer."}
          </p>
        ) : (
          <div>
            {partialNote ? <PartialNote text={partialNote} /> : null}
            {cited.sources.length > 0 ? (
              <AnswerMarkdown text={cited.markdown} sources={cited.sources} onCite={showCitationSource} />
            ) : (
              <AnswerMarkdown text={answer} />
            )}
            {running && liveText !== undefined ? <span className="arbor-caret" aria-hidden="true" /> : null}
            <SourceList sources={cited.sources} chunks={chunks} onOpen={showCitationSource} />
          </div>
        )}
        {otherItems.length > 0 ? (
          <p className="mt-3 flex flex-wrap items-center gap-1 text-xs text-zinc-500">
            Also in the output:{" "}
            {otherItems.map((type) => (
              <Badge key={type} title={type}>
                {itemDefinition(type).label}
              </Badge>
            ))}
          </p>
        ) : null}
      </section>

      <NodeOutcome summary={summary} busy={busy} onRetry={onRetry} />
      {running ? (
        <Button size="sm" variant="secondary" onClick={onStop}>
          <StopIcon /> Stop
        </Button>
      ) : null}

      <Metrics summary={summary} />
    </div>
  );
}

function Metrics({ summary }: { summary: NodeSummary }) {
  const usage = readUsage(summary.usage);
  const rows: [string, string | null][] = [
    ["Input tokens", usage.input === null ? null : formatTokens(usage.input)],
    ["Output tokens", usage.output === null ? null : formatTokens(usage.output)],
    ["Total tokens", totalTokens(summary) === null ? null : formatTokens(totalTokens(summary) ?? 0)],
    ["First token", summary.ttftMs === null ? null : formatDuration(summary.ttftMs)],
    ["Duration", summary.durationMs === null ? null : formatDuration(summary.durationMs)],
    ["Cost", summary.costUsd === null ? null : formatUsd(summary.costUsd)],
  ];
  const shown = rows.filter((row): row is [string, string] => row[1] !== null);
  if (shown.length === 0) return null;
  return (
    <dl className="grid grid-cols-3 gap-x-4 gap-y-3 rounded-lg border border-zinc-200 px-3 py-2.5 text-xs dark:border-zinc-800">
      {shown.map(([label, value]) => (
        <div key={label}>
          <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
          <dd className="mt-0.5 font-mono text-zinc-900 tabular-nums dark:text-zinc-100">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
