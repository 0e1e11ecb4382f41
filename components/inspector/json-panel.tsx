"use client";

import { useMemo, type ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";

/** Past this size, JSON is shown plain: colouring a megabyte of tokens would stall the panel. */
const HIGHLIGHT_LIMIT = 200_000;
const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/** Pretty JSON split into coloured spans: keys, strings, numbers, literals. */
function highlightJson(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const at = match.index;
    if (at > last) parts.push(text.slice(last, at));
    const [token, string, colon, literal] = match;
    const className = string
      ? colon
        ? "text-zinc-900 dark:text-zinc-100"
        : "text-emerald-700 dark:text-emerald-400"
      : literal
        ? "text-violet-700 dark:text-violet-400"
        : "text-sky-700 dark:text-sky-400";
    parts.push(
      <span key={at} className={className}>
        {string && colon ? string : token}
      </span>,
    );
    if (string && colon) parts.push(colon);
    last = at + token.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Raw JSON, pretty-printed, with a Copy button; `header` sits above it (ids, notes). */
export function JsonPanel({ value, empty, header, copyLabel }: { value: unknown; empty: string; header?: ReactNode; copyLabel: string }) {
  const text = useMemo(() => (value === null || value === undefined ? null : JSON.stringify(value, null, 2)), [value]);
  const coloured = useMemo(() => (text !== null && text.length <= HIGHLIGHT_LIMIT ? highlightJson(text) : text), [text]);
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-2">
        <div className="min-w-0 flex-1">{header}</div>
        {text !== null ? <CopyButton text={text} label={copyLabel} /> : null}
      </div>
      {text === null ? (
        <p className="rounded-lg border border-dashed border-zinc-300 px-3 py-6 text-center text-[13px] text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          {empty}
        </p>
      ) : (
        <pre className="rounded-lg border border-zinc-200 bg-zinc-50 p-3 font-mono text-[11.5px] leading-[1.55] [overflow-wrap:anywhere] whitespace-pre-wrap text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-500">
          <code>{coloured}</code>
        </pre>
      )}
    </div>
  );
}
