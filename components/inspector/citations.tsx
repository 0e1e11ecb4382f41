"use client";

import { useId, useState, type SyntheticEvent } from "react";
import type { CitedSource } from "@/lib/responses/citations";
import { focusRing } from "@/components/ui/button";

const SAFE_LINK = /^https?:\/\//i;

/** Where a source lives, in words: the site of a web page, or the file's name. */
function origin(source: CitedSource): string {
  return source.kind === "file" ? (source.filename ?? source.fileId ?? "file") : (source.site ?? source.url ?? "source");
}

/**
 * An inline citation marker: hover or focus shows a card with the title, the site and the text it supports;
 * clicking opens the tool call that found the source.
 */
const CARD_WIDTH = 288;

export function CitationMarker({ source, onOpen }: { source: CitedSource; onOpen: (n: number) => void }) {
  const cardId = useId();
  // The inspector scrolls, so it clips what overflows it: slide the card (left offset from the marker) to stay inside.
  const [offset, setOffset] = useState(-CARD_WIDTH / 2);
  const place = (event: SyntheticEvent<HTMLElement>) => {
    const marker = event.currentTarget.getBoundingClientRect();
    const pane = (event.currentTarget.closest('[role="tabpanel"]') ?? document.body).getBoundingClientRect();
    const centred = marker.left + marker.width / 2 - CARD_WIDTH / 2;
    const left = Math.max(pane.left + 8, Math.min(centred, pane.right - 8 - CARD_WIDTH));
    setOffset(left - marker.left);
  };
  return (
    <span className="group relative inline-block -translate-y-1.5 align-baseline leading-none" onMouseEnter={place} onFocus={place}>
      <button
        type="button"
        data-testid="citation-marker"
        data-n={source.n}
        aria-label={`Source ${source.n}: ${source.title}`}
        aria-describedby={cardId}
        onClick={() => onOpen(source.n)}
        className={`mx-px rounded px-1 text-[10px] leading-4 font-semibold text-indigo-700 no-underline hover:bg-indigo-100 dark:text-indigo-300 dark:hover:bg-indigo-950 ${focusRing} bg-indigo-50 dark:bg-indigo-950/60`}
      >
        {source.n}
      </button>
      <span
        id={cardId}
        role="tooltip"
        style={{ left: offset, width: CARD_WIDTH }}
        className={`pointer-events-none invisible absolute bottom-full z-20 mb-1.5 rounded-lg border border-zinc-200 bg-white p-3 text-left align-baseline text-xs leading-snug font-normal text-zinc-700 opacity-0 shadow-lg transition-opacity group-focus-within:visible group-focus-within:opacity-100 group-hover:visible group-hover:opacity-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300`}
      >
        <span className="block font-medium text-zinc-900 dark:text-zinc-100">{source.title}</span>
        <span className="mt-0.5 block truncate font-mono text-[10.5px] text-zinc-500">{origin(source)}</span>
        {source.citedText ? <span className="mt-1.5 block border-l-2 border-indigo-300 pl-2 text-zinc-600 italic dark:border-indigo-700 dark:text-zinc-400">{source.citedText}</span> : null}
        <span className="mt-1.5 block text-[10.5px] text-indigo-600 dark:text-indigo-400">Click to see the tool call that found it</span>
      </span>
    </span>
  );
}

/** The numbered sources under the answer: links for pages (new tab, no referrer), names and chunks for files. */
export function SourceList({ sources, chunks, onOpen }: { sources: readonly CitedSource[]; chunks: ReadonlyMap<string, string>; onOpen: (n: number) => void }) {
  if (sources.length === 0) return null;
  return (
    <section aria-label="Sources" className="mt-4 border-t border-zinc-100 pt-3 dark:border-zinc-800">
      <h4 className="mb-1.5 text-[11px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Sources</h4>
      <ol className="space-y-1.5 text-[12.5px]">
        {sources.map((source) => {
          const chunk = source.fileId ? chunks.get(source.fileId) : undefined;
          return (
            <li key={source.n} id={`source-${source.n}`} data-testid="answer-source" className="flex gap-2">
              <button type="button" onClick={() => onOpen(source.n)} className={`h-fit shrink-0 rounded bg-zinc-100 px-1.5 font-mono text-[10.5px] text-zinc-600 hover:bg-indigo-50 hover:text-indigo-700 dark:bg-zinc-800 dark:text-zinc-300 ${focusRing}`} aria-label={`Show the tool call for source ${source.n}`}>
                {source.n}
              </button>
              <span className="min-w-0">
                {source.url && SAFE_LINK.test(source.url) ? (
                  <a href={source.url} target="_blank" rel="noopener noreferrer" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {source.title}
                  </a>
                ) : (
                  <span className="font-medium text-zinc-800 dark:text-zinc-200">{source.title}</span>
                )}
                <span className="ml-1.5 font-mono text-[10.5px] text-zinc-500">{origin(source)}</span>
                {chunk ? <span className="mt-0.5 block line-clamp-3 text-[12px] text-zinc-500 dark:text-zinc-400">“{chunk}”</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
