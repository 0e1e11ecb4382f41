"use client";

import { useMemo, type ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { JsonTree } from "./json-tree";

type Props = {
  value: unknown;
  /** What the JSON is ("request", "response"): names the search box and the fold buttons. */
  label: string;
  empty: string;
  copyLabel: string;
  /** Above the JSON: ids, notes. */
  header?: ReactNode;
  /** Beside the Copy button (e.g. "Copy as code"). */
  actions?: ReactNode;
};

/** Raw JSON as a foldable, searchable tree, with a Copy button for the whole document. */
export function JsonPanel({ value, label, empty, copyLabel, header, actions }: Props) {
  const text = useMemo(() => (value === null || value === undefined ? null : JSON.stringify(value, null, 2)), [value]);
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="shrink-0 space-y-2 px-4 pb-2">
        {header}
        {text !== null ? (
          <div className="flex flex-wrap items-center gap-2">
            <CopyButton text={text} label={copyLabel} />
            {actions}
          </div>
        ) : null}
      </div>
      {text === null ? (
        <p className="mx-4 rounded-lg border border-dashed border-zinc-300 px-3 py-6 text-center text-[13px] text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          {empty}
        </p>
      ) : (
        <JsonTree value={value} label={label} />
      )}
    </div>
  );
}
