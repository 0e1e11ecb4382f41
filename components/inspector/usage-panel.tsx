"use client";

import { useCallback, useMemo, type ReactNode } from "react";
import type { ProviderInfo } from "@/lib/contracts/providers";
import type { ModelPrice } from "@/lib/contracts/providers";
import { costUsd, formatUsd, priceFor } from "@/lib/tree/cost";
import { isRunning } from "@/lib/tree/node-status";
import { pathTo, type TreeIndex } from "@/lib/tree/tree-index";
import type { NodeSummary } from "@/lib/contracts/nodes";
import { promptCacheReport } from "@/lib/tree/prompt-cache";
import { readUsage, sumUsage, tokenCounts, tokensPerSecond, type UsageTotals } from "@/lib/tree/usage";
import { formatDuration } from "@/lib/client/format";
import { useProviders } from "@/lib/client/queries";

const DASH = "—";
const tokens = (value: number | null) => (value === null ? DASH : value.toLocaleString("en-US"));

/** Price lookup and a node's cost: saved at the end of its run, else computed from the provider's price table, else unknown. */
function usePricing() {
  const providers = useProviders();
  const tables = useMemo(() => new Map((providers.data ?? []).map((p: ProviderInfo) => [p.id, p.prices])), [providers.data]);
  const priceOf = useCallback((node: NodeSummary) => priceFor(tables.get(node.providerId), node.model), [tables]);
  const costOf = useCallback(
    (node: NodeSummary) => {
      if (node.costUsd !== null) return node.costUsd;
      if (isRunning(node)) return null;
      return costUsd(tokenCounts(node.usage), priceOf(node));
    },
    [priceOf],
  );
  return { priceOf, costOf };
}

/** "$1.25 / $10" per 1M input / output tokens, or a dash. */
function priceText(price: ModelPrice | undefined): string {
  return price ? `$${price.input} / $${price.output}` : DASH;
}

/** The Usage tab: tokens, latency and cost of this node, then totals for its branch and the whole tree. */
export function UsagePanel({ summary, index }: { summary: NodeSummary; index: TreeIndex }) {
  const { priceOf, costOf } = usePricing();
  const usage = readUsage(summary.usage);
  const running = isRunning(summary);
  const speed = tokensPerSecond(usage.output, summary.durationMs, summary.ttftMs);
  const branch = useMemo(
    () => sumUsage(pathTo(index, summary.id).flatMap((id) => index.byId.get(id) ?? []), costOf),
    [index, summary.id, costOf],
  );
  const tree = useMemo(() => sumUsage([...index.byId.values()], costOf), [index, costOf]);

  return (
    <div className="space-y-5">
      {running ? <p className="text-xs text-indigo-600 dark:text-indigo-400">Streaming: usage and cost are known when the answer completes.</p> : null}
      <Section title="Tokens" testId="usage-tokens">
        <Metric label="Input" value={tokens(usage.input)} />
        <Metric label="Cached input" value={tokens(usage.cached)} />
        <Metric label="Output" value={tokens(usage.output)} />
        <Metric label="Reasoning" value={tokens(usage.reasoning)} />
        <Metric label="Total" value={tokens(usage.total)} />
      </Section>
      <PromptCache summary={summary} />
      <Section title="Latency" testId="usage-latency">
        <Metric label="First token" value={summary.ttftMs === null ? DASH : formatDuration(summary.ttftMs)} />
        <Metric label="Duration" value={summary.durationMs === null ? DASH : formatDuration(summary.durationMs)} />
        <Metric label="Tokens / s" value={speed === null ? DASH : speed.toFixed(1)} />
      </Section>
      <Section title="Cost" testId="usage-cost">
        <Metric label="This node" value={formatUsd(costOf(summary))} hint={costOf(summary) === null ? "No price known for this model" : undefined} />
        <Metric label="Price in / out" value={priceText(priceOf(summary))} hint="USD per 1M input / output tokens" />
        <Metric label="Model" value={summary.model} />
      </Section>
      <Totals title="Branch (root → this node)" testId="usage-branch" totals={branch} />
      <Totals title="Whole tree" testId="usage-tree" totals={tree} />
      <p className="text-[11px] text-zinc-400 dark:text-zinc-500">
        Costs use list prices per 1M tokens from the provider configuration; a model without a price shows a dash.
      </p>
    </div>
  );
}

/** How much of this call's context was a prompt-cache hit, and what the provider said about the rest. */
function PromptCache({ summary }: { summary: NodeSummary }) {
  const report = promptCacheReport(summary.usage);
  if (!report) return null;
  const percent = `${Math.round(report.hitRatio * 100)}%`;
  const why =
    report.cached > 0
      ? null
      : summary.contextMode === "replay"
        ? "Nothing cached: the history was replayed, so the provider read it afresh."
        : summary.parentId === null
          ? "Nothing cached: a new conversation has no prefix the provider already holds."
          : "Nothing cached: the provider reported no reused prefix (new instructions or tools change it).";
  return (
    <Section title="Prompt cache" testId="usage-cache">
      <Metric label="Cache hit" value={percent} hint="Cached input tokens of all input tokens" />
      <Metric label="Cached" value={tokens(report.cached)} />
      <Metric label="Read afresh" value={tokens(report.input - Math.min(report.cached, report.input))} />
      {why || report.notes.length ? (
        <div className="col-span-3 space-y-0.5 text-[11px] text-zinc-500 dark:text-zinc-400">
          {why ? <p>{why}</p> : null}
          {report.notes.map((note) => (
            <p key={note} className="font-mono break-all">
              {note}
            </p>
          ))}
        </div>
      ) : null}
    </Section>
  );
}

function Totals({ title, testId, totals }: { title: string; testId: string; totals: UsageTotals }) {
  const cost = totals.priced === 0 ? null : totals.costUsd;
  const partial = totals.priced > 0 && totals.priced < totals.nodes;
  return (
    <Section title={title} testId={testId} columns={4}>
      <Metric label="Nodes" value={String(totals.nodes)} />
      <Metric label="Input" value={tokens(totals.input)} />
      <Metric label="Output" value={tokens(totals.output)} />
      <Metric
        label="Cost"
        value={partial ? `${formatUsd(cost)}+` : formatUsd(cost)}
        hint={partial ? `${totals.nodes - totals.priced} of ${totals.nodes} nodes have no known cost` : undefined}
      />
    </Section>
  );
}

function Section({ title, testId, columns = 3, children }: { title: string; testId: string; columns?: 3 | 4; children: ReactNode }) {
  const id = `${testId}-title`;
  return (
    <section aria-labelledby={id} data-testid={testId}>
      <h3 id={id} className="mb-1.5 text-[11px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        {title}
      </h3>
      <dl className={`grid ${columns === 4 ? "grid-cols-4" : "grid-cols-3"} gap-x-4 gap-y-3 rounded-lg border border-zinc-200 px-3 py-2.5 text-xs dark:border-zinc-800`}>
        {children}
      </dl>
    </section>
  );
}

function Metric({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="min-w-0" title={hint}>
      <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-0.5 truncate font-mono text-zinc-900 tabular-nums dark:text-zinc-100">{value}</dd>
    </div>
  );
}
