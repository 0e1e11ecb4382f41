import type { ReactNode } from "react";
import type { JsonObject } from "@/lib/responses/json";

/** Small readers for loosely typed item JSON: items are kept verbatim, so every field may be missing. */
export const str = (value: unknown): string => (typeof value === "string" ? value : "");
export const obj = (value: unknown): JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : {};
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A JSON string pretty-printed when it parses, as is otherwise (streamed arguments may be partial). */
export function prettyJson(value: unknown): string {
  if (typeof value === "string") {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2) ?? "";
}

/** A labelled block inside a tool card. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <h4 className="mb-1 text-[10.5px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{label}</h4>
      {children}
    </div>
  );
}

/** Monospaced text (code, JSON, logs), wrapped, scrolling when long. */
export function Code({ children, label }: { children: string; label?: string }) {
  return (
    <pre
      aria-label={label}
      className="max-h-64 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 px-2.5 py-2 font-mono text-[11.5px] leading-[1.5] [overflow-wrap:anywhere] whitespace-pre-wrap text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200"
    >
      <code>{children}</code>
    </pre>
  );
}

/** A quiet line for a field the item does not carry. */
export function Missing({ children }: { children: ReactNode }) {
  return <p className="text-xs text-zinc-400 italic dark:text-zinc-500">{children}</p>;
}

/** Plain key/value rows (ids, server labels, statuses). */
export function Facts({ rows }: { rows: [string, string][] }) {
  const shown = rows.filter(([, value]) => value !== "");
  if (shown.length === 0) return null;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
      {shown.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
          <dd className="min-w-0 truncate font-mono text-zinc-800 dark:text-zinc-200" title={value}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
