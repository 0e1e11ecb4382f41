"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useMemo, useRef, useState } from "react";
import type { NodeEvent } from "@/lib/contracts/nodes";
import { formatDuration, formatMs } from "@/lib/client/format";
import { focusRing } from "@/components/ui/button";
import { EmptyState, ErrorBanner, Skeleton } from "@/components/ui/feedback";
import { ChevronRightIcon } from "@/components/ui/icons";
import { ItemIcon } from "@/components/ui/item-icon";

type Props = { events: readonly NodeEvent[] | undefined; error: Error | null; running: boolean; onRetry: () => void };

const ROW_HEIGHT = 30;

/** The seq of the first text delta: when the user saw the first token. */
function firstTokenSeq(events: readonly NodeEvent[]): number | null {
  return events.find((event) => event.type.endsWith(".delta"))?.seq ?? null;
}

/** The Events tab: the stream's timeline, one row per event, virtualised so thousands of events stay smooth. */
export function EventsPanel({ events, error, running, onRetry }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<ReadonlySet<number>>(() => new Set());
  const list = useMemo(() => events ?? [], [events]);
  const firstToken = useMemo(() => firstTokenSeq(list), [list]);
  // The virtualizer hands out fresh measurements each render, which is what this list wants (no compiler memoisation here).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: list.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => list[index]?.seq ?? index,
  });
  const toggle = useCallback((seq: number) => {
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });
  }, []);

  if (events === undefined) {
    if (error) {
      return (
        <div className="px-4">
          <ErrorBanner title="Could not load the events" message={error.message} action={<RetryLink onClick={onRetry} />} />
        </div>
      );
    }
    return (
      <div className="space-y-2 px-4" aria-label="Loading events">
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="h-5 w-full" />
        ))}
      </div>
    );
  }
  if (list.length === 0) {
    return (
      <div className="px-4 py-10">
        <EmptyState icon={<ItemIcon icon="terminal" width={18} height={18} />} title={running ? "Waiting for the first event" : "No events stored"}>
          {running ? "Events appear here as the provider streams them." : "This node has no stream events (it may have failed before the provider answered)."}
        </EmptyState>
      </div>
    );
  }

  const last = list[list.length - 1];
  const firstTokenMs = firstToken === null ? null : (list.find((e) => e.seq === firstToken)?.atMs ?? null);
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <p className="shrink-0 px-4 pb-2 text-xs text-zinc-500 dark:text-zinc-400" data-testid="events-summary">
        {list.length} {list.length === 1 ? "event" : "events"}
        {firstTokenMs !== null ? ` · first token at +${formatDuration(firstTokenMs)}` : ""}
        {last ? ` · last at +${formatDuration(last.atMs)}` : ""}
        {running ? " · live" : ""}
        {error ? " · refresh failed" : ""}
      </p>
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto px-4 pb-4">
        <ol aria-label="Stream events" className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const event = list[row.index];
            if (!event) return null;
            return (
              <li
                key={row.key}
                data-index={row.index}
                ref={virtualizer.measureElement}
                className="absolute top-0 left-0 w-full"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <EventRow event={event} expanded={open.has(event.seq)} firstToken={event.seq === firstToken} onToggle={toggle} />
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}

function RetryLink({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" onClick={onClick} className={`text-xs font-medium underline ${focusRing}`}>
      Retry
    </button>
  );
}

type RowProps = { event: NodeEvent; expanded: boolean; firstToken: boolean; onToggle: (seq: number) => void };

const EventRow = memo(function EventRow({ event, expanded, firstToken, onToggle }: RowProps) {
  const payloadId = `event-payload-${event.seq}`;
  return (
    <div data-testid="event-row" data-event-type={event.type} className="border-b border-zinc-100 dark:border-zinc-800/70">
      <button
        type="button"
        aria-expanded={expanded}
        aria-controls={expanded ? payloadId : undefined}
        onClick={() => onToggle(event.seq)}
        className={`flex h-[29px] w-full items-center gap-2 rounded-sm px-1 text-left text-xs hover:bg-zinc-50 dark:hover:bg-zinc-900 ${focusRing}`}
      >
        <ChevronRightIcon width={12} height={12} className={`shrink-0 text-zinc-400 ${expanded ? "rotate-90" : ""}`} />
        <span className="min-w-[3.75rem] shrink-0 text-right font-mono text-zinc-500 tabular-nums dark:text-zinc-400">+{formatMs(event.atMs)}</span>
        <span className="min-w-0 flex-1 truncate font-mono text-zinc-800 dark:text-zinc-200" title={`${event.type} (sequence #${event.seq})`}>
          {event.type}
        </span>
        {firstToken ? (
          <span
            data-testid="first-token-marker"
            className="shrink-0 rounded border border-indigo-200 bg-indigo-50 px-1.5 text-[10.5px] font-medium text-indigo-700 dark:border-indigo-900 dark:bg-indigo-950/50 dark:text-indigo-300"
          >
            first token
          </span>
        ) : null}
      </button>
      {expanded ? (
        <pre
          id={payloadId}
          aria-label={`Payload of event ${event.seq}`}
          className="mx-1 mb-2 max-h-80 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 px-2.5 py-2 font-mono text-[11px] leading-[1.5] [overflow-wrap:anywhere] whitespace-pre-wrap text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300"
        >
          <code>{JSON.stringify(event.data, null, 2)}</code>
        </pre>
      ) : null}
    </div>
  );
});
