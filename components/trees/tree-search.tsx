"use client";

import Link from "next/link";
import { useDeferredValue, useState } from "react";
import type { Snippet } from "@/lib/contracts/search";
import { SEARCH_INPUT_ID } from "@/lib/client/focus";
import { useSearch } from "@/lib/client/queries";
import { focusRing } from "@/components/ui/button";

const FIELD_LABEL = { label: "label", note: "note", input: "question", output: "answer" } as const;

function Highlighted({ snippet }: { snippet: Snippet }) {
  return (
    <>
      {snippet.before}
      <mark className="rounded-sm bg-amber-200/70 px-px text-inherit dark:bg-amber-500/30">{snippet.match}</mark>
      {snippet.after}
    </>
  );
}

/** Search across trees and nodes (titles, labels, notes, questions and answers); `/` focuses it. */
export function TreeSearch({ children }: { children: React.ReactNode }) {
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query);
  const results = useSearch(deferred);
  const searching = query.trim().length > 0;

  return (
    <>
      <div className="px-2.5 pb-2">
        <label htmlFor={SEARCH_INPUT_ID} className="sr-only">
          Search trees and nodes
        </label>
        <input
          id={SEARCH_INPUT_ID}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape") setQuery("");
          }}
          placeholder="Search  ( / )"
          aria-keyshortcuts="/"
          className={`h-7 w-full rounded-md border border-zinc-200 bg-white px-2 text-[12.5px] placeholder:text-zinc-400 dark:border-zinc-700 dark:bg-zinc-900 ${focusRing}`}
        />
      </div>
      {!searching ? (
        children
      ) : (
        <section id="search-results" aria-label="Search results" aria-busy={results.isFetching} className="min-h-0 flex-1 overflow-y-auto px-1.5 pb-2">
          {results.isError ? (
            <p role="alert" className="px-2 text-xs text-red-600 dark:text-red-400">
              Search failed: {results.error.message}
            </p>
          ) : !results.data ? (
            <p className="px-2 text-xs text-zinc-500">Searching…</p>
          ) : results.data.trees.length + results.data.nodes.length === 0 ? (
            <p className="px-2 text-xs text-zinc-500 dark:text-zinc-400" role="status">
              Nothing matches “{results.data.query}”.
            </p>
          ) : (
            <ul className="space-y-0.5" aria-label={`${results.data.trees.length + results.data.nodes.length} results`}>
              {results.data.trees.map((tree) => (
                <li key={`t-${tree.id}`}>
                  <Link prefetch={false} href={`/t/${tree.id}`} className={`block rounded-md px-2.5 py-1.5 text-[12.5px] hover:bg-zinc-200/50 dark:hover:bg-zinc-800/50 ${focusRing}`}>
                    <span className="block text-[10.5px] font-medium tracking-wide text-zinc-500 uppercase">Tree</span>
                    <span className="line-clamp-2 font-medium">
                      <Highlighted snippet={tree.snippet} />
                    </span>
                  </Link>
                </li>
              ))}
              {results.data.nodes.map((node) => (
                <li key={`n-${node.id}`}>
                  <Link
                    prefetch={false}
                    href={`/t/${node.treeId}?node=${node.id}`}
                    className={`block rounded-md px-2.5 py-1.5 text-[12.5px] hover:bg-zinc-200/50 dark:hover:bg-zinc-800/50 ${focusRing}`}
                  >
                    <span className="block truncate text-[10.5px] text-zinc-500">
                      {FIELD_LABEL[node.field]} · {node.treeTitle}
                    </span>
                    <span className="line-clamp-2 text-zinc-800 dark:text-zinc-200">
                      {node.starred ? "★ " : ""}
                      <Highlighted snippet={node.snippet} />
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
