"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { focusRing, IconButton } from "@/components/ui/button";
import { ChevronLeftIcon, ChevronRightIcon } from "@/components/ui/icons";
import { TreeRow } from "./json-tree-row";
import { ancestorsOf, flattenJson, openByDefault, searchJson, visibleRows, type JsonMatch, type JsonRow } from "./json-tree-model";

/** Past this many rows only the ones on screen are drawn. */
const VIRTUAL_ROWS = 500;
const ROW_HEIGHT = 18;

type Baseline = "default" | "open" | "folded";

/** A JSON document as a foldable, searchable tree, drawn like pretty-printed JSON. */
export function JsonTree({ value, label }: { value: unknown; label: string }) {
  const nodes = useMemo(() => flattenJson(value), [value]);
  const [query, setQuery] = useState("");
  const search = useDeferredValue(query);
  const [active, setActive] = useState(0);
  const [baseline, setBaseline] = useState<Baseline>("default");
  const [overrides, setOverrides] = useState<ReadonlyMap<number, boolean>>(() => new Map());

  const matches = useMemo(() => searchJson(nodes, search), [nodes, search]);
  const matchPaths = useMemo(() => ancestorsOf(nodes, matches), [nodes, matches]);
  const rows = useMemo(() => {
    const isOpen = (index: number) =>
      overrides.get(index) ?? (matchPaths.has(index) || (baseline === "default" ? openByDefault(nodes, index) : baseline === "open" || index === 0));
    return visibleRows(nodes, isOpen);
  }, [nodes, overrides, matchPaths, baseline]);
  const rowOfNode = useMemo(() => {
    const map = new Map<number, number>();
    rows.forEach((row, index) => {
      if (row.part !== "close") map.set(row.node, index);
    });
    return map;
  }, [rows]);
  const current = matches.length === 0 ? -1 : Math.min(active, matches.length - 1);
  const currentMatch = matches[current];
  const matchesByNode = useMemo(() => {
    const map = new Map<number, JsonMatch["part"][]>();
    for (const match of matches) map.set(match.node, [...(map.get(match.node) ?? []), match.part]);
    return map;
  }, [matches]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = rows.length > VIRTUAL_ROWS;
  // The virtualizer hands out fresh measurements each render, which is what this list wants (no compiler memoisation here).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 30,
    enabled: virtual,
  });

  const activeRow = currentMatch ? rowOfNode.get(currentMatch.node) : undefined;
  useEffect(() => {
    if (activeRow === undefined) return;
    if (virtual) virtualizer.scrollToIndex(activeRow, { align: "center" });
    else scrollRef.current?.querySelector(`[data-row="${activeRow}"]`)?.scrollIntoView({ block: "nearest" });
  }, [activeRow, current, virtual, virtualizer]);

  function toggle(index: number, open: boolean) {
    setOverrides((map) => new Map(map).set(index, !open));
  }
  function foldAll(next: Baseline) {
    setBaseline(next);
    setOverrides(new Map());
  }
  function step(by: number) {
    if (matches.length === 0) return;
    setActive((current + by + matches.length) % matches.length);
  }
  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1);
    } else if (event.key === "Escape" && query !== "") {
      event.preventDefault();
      setQuery("");
    }
  }

  // Arrow keys on a fold button: up/down to the neighbouring fold button, left folds, right unfolds.
  function onTreeKey(event: KeyboardEvent<HTMLElement>) {
    const target = event.target;
    if (!(target instanceof HTMLButtonElement) || !target.dataset.toggle) return;
    const expanded = target.getAttribute("aria-expanded") === "true";
    if ((event.key === "ArrowLeft" && expanded) || (event.key === "ArrowRight" && !expanded)) {
      event.preventDefault();
      target.click();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>("button[data-toggle]")];
      buttons[buttons.indexOf(target) + (event.key === "ArrowDown" ? 1 : -1)]?.focus();
    }
  }

  const countId = useId();
  const renderRow = (row: JsonRow, index: number) => (
    <TreeRow
      key={index}
      row={row}
      index={index}
      node={nodes[row.node]}
      label={label}
      hits={matchesByNode.get(row.node)}
      activePart={currentMatch?.node === row.node ? currentMatch.part : null}
      search={search}
      onToggle={toggle}
    />
  );

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex shrink-0 items-center gap-1 px-4 pb-2">
        <div className="relative min-w-0 flex-1">
          <input
            type="search"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
              setOverrides(new Map());
            }}
            onKeyDown={onSearchKey}
            placeholder="Search JSON"
            aria-label={`Search the ${label}`}
            aria-describedby={countId}
            className={`h-7 w-full rounded-md border border-zinc-200 bg-white pr-16 pl-2 [&::-webkit-search-cancel-button]:appearance-none text-xs text-zinc-900 placeholder:text-zinc-400 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500 ${focusRing}`}
          />
          <span
            id={countId}
            data-testid="json-match-count"
            aria-live="polite"
            className="pointer-events-none absolute inset-y-0 right-2 flex items-center font-mono text-[11px] text-zinc-500 tabular-nums dark:text-zinc-400"
          >
            {search === "" ? "" : matches.length === 0 ? "0 matches" : `${current + 1}/${matches.length}`}
          </span>
        </div>
        <IconButton label="Previous match (Shift+Enter)" disabled={matches.length === 0} onClick={() => step(-1)}>
          <ChevronLeftIcon width={14} height={14} className="rotate-90" />
        </IconButton>
        <IconButton label="Next match (Enter)" disabled={matches.length === 0} onClick={() => step(1)}>
          <ChevronRightIcon width={14} height={14} className="rotate-90" />
        </IconButton>
        <button type="button" onClick={() => foldAll("open")} className={`${toolButton} ${focusRing}`}>
          Unfold all
        </button>
        <button type="button" onClick={() => foldAll("folded")} className={`${toolButton} ${focusRing}`}>
          Fold all
        </button>
      </div>
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-auto px-4 pb-4">
        <div className="rounded-lg border border-zinc-200 bg-zinc-50 py-2 pr-3 pl-1 dark:border-zinc-800 dark:bg-zinc-900">
          <code
            onKeyDown={onTreeKey}
            className="relative block font-mono text-[11.5px] leading-[18px] text-zinc-500 dark:text-zinc-500"
            style={virtual ? { height: virtualizer.getTotalSize() } : undefined}
          >
            {virtual
              ? virtualizer.getVirtualItems().map((item) => {
                  const row = rows[item.index];
                  return row ? (
                    <div
                      key={item.key}
                      data-index={item.index}
                      ref={virtualizer.measureElement}
                      className="absolute top-0 left-0 w-full"
                      style={{ transform: `translateY(${item.start}px)` }}
                    >
                      {renderRow(row, item.index)}
                    </div>
                  ) : null;
                })
              : rows.map(renderRow)}
          </code>
        </div>
      </div>
    </div>
  );
}

const toolButton =
  "h-7 shrink-0 rounded-md px-1.5 text-[11px] font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100";
