"use client";

import type { ContextRow, DiffPart, MetricRow } from "@/lib/tree/compare";
import { describeItem } from "@/lib/tree/compare";
import type { ContextMode } from "@/lib/contracts/nodes";
import { formatDuration } from "@/lib/client/format";

const panel = "rounded-lg border border-zinc-200 bg-white p-3 text-[13px] leading-relaxed dark:border-zinc-800 dark:bg-zinc-900";

/** The two answers side by side: words only in A struck through in red on the left, words only in B green on the right. */
export function WordDiff({ parts }: { parts: DiffPart[] }) {
  const side = (keep: DiffPart["kind"], label: string) => (
    <div className={panel} aria-label={label} role="region">
      <p className="mb-2 text-[11px] font-semibold text-zinc-500 dark:text-zinc-400">{label}</p>
      <p className="whitespace-pre-wrap">
        {parts.map((part, i) =>
          part.kind === "same" ? (
            <span key={i}>{part.text}</span>
          ) : part.kind === keep ? (
            <mark
              key={i}
              data-diff={part.kind}
              className={
                part.kind === "removed"
                  ? "rounded-sm bg-red-100 text-red-900 line-through decoration-red-400 dark:bg-red-950/60 dark:text-red-200"
                  : "rounded-sm bg-emerald-100 text-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-200"
              }
            >
              {part.text}
            </mark>
          ) : null,
        )}
      </p>
    </div>
  );
  return (
    <div className="grid grid-cols-2 gap-4">
      {side("removed", "Answer A")}
      {side("added", "Answer B")}
    </div>
  );
}

/** The context items of both nodes, position by position, with the rows that differ marked. */
export function ContextTable({ rows, modeA, modeB }: { rows: ContextRow[]; modeA: ContextMode; modeB: ContextMode }) {
  return (
    <table className="w-full table-fixed border-separate border-spacing-0 overflow-hidden rounded-lg border border-zinc-200 text-[12.5px] dark:border-zinc-800">
      <caption className="sr-only">Context items of node A and node B</caption>
      <thead className="bg-zinc-50 text-left text-[11px] text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
        <tr>
          <th scope="col" className="w-10 px-3 py-2 font-medium">#</th>
          <th scope="col" className="px-3 py-2 font-medium">A · sent by {modeA}</th>
          <th scope="col" className="px-3 py-2 font-medium">B · sent by {modeB}</th>
          <th scope="col" className="w-24 px-3 py-2 font-medium">
            <span className="sr-only">Same or different</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.index} data-testid="context-row" data-same={row.same ? "true" : "false"} className={row.same ? "" : "bg-amber-50/70 dark:bg-amber-950/20"}>
            <td className="border-t border-zinc-100 px-3 py-1.5 font-mono text-zinc-400 dark:border-zinc-800">{row.index + 1}</td>
            <td className="truncate border-t border-zinc-100 px-3 py-1.5 dark:border-zinc-800" title={describeItem(row.a)}>
              {describeItem(row.a)}
            </td>
            <td className="truncate border-t border-zinc-100 px-3 py-1.5 dark:border-zinc-800" title={describeItem(row.b)}>
              {describeItem(row.b)}
            </td>
            <td className="border-t border-zinc-100 px-3 py-1.5 text-[11px] dark:border-zinc-800">
              {row.same ? <span className="text-zinc-400">same</span> : <span className="font-medium text-amber-700 dark:text-amber-400">differs</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function formatMetric(value: number | null, unit: MetricRow["unit"], signed = false): string {
  if (value === null) return "—";
  const sign = signed && value > 0 ? "+" : "";
  if (unit === "ms") return sign + (value < 0 ? `−${formatDuration(-value)}` : formatDuration(value));
  if (unit === "usd") return `${sign}${value < 0 ? "−" : ""}$${Math.abs(value).toFixed(value !== 0 && Math.abs(value) < 0.01 ? 5 : 2)}`;
  return `${sign}${value < 0 ? "−" : ""}${Math.abs(value).toLocaleString("en-US")}`;
}

/** Tokens, latency and cost of A and B, and B minus A; unknown values show a dash, never a guess. */
export function MetricsTable({ rows }: { rows: MetricRow[] }) {
  return (
    <table className="w-full max-w-2xl border-separate border-spacing-0 overflow-hidden rounded-lg border border-zinc-200 text-[12.5px] dark:border-zinc-800">
      <caption className="sr-only">Tokens, latency and cost of node A and node B</caption>
      <thead className="bg-zinc-50 text-left text-[11px] text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
        <tr>
          <th scope="col" className="px-3 py-2 font-medium">Measure</th>
          <th scope="col" className="px-3 py-2 text-right font-medium">A</th>
          <th scope="col" className="px-3 py-2 text-right font-medium">B</th>
          <th scope="col" className="px-3 py-2 text-right font-medium">B − A</th>
        </tr>
      </thead>
      <tbody className="font-mono">
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row" className="border-t border-zinc-100 px-3 py-1.5 text-left font-sans font-normal dark:border-zinc-800">
              {row.label}
            </th>
            <td className="border-t border-zinc-100 px-3 py-1.5 text-right dark:border-zinc-800">{formatMetric(row.a, row.unit)}</td>
            <td className="border-t border-zinc-100 px-3 py-1.5 text-right dark:border-zinc-800">{formatMetric(row.b, row.unit)}</td>
            <td className="border-t border-zinc-100 px-3 py-1.5 text-right text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
              {formatMetric(row.delta, row.unit, true)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
