"use client";

import { useCallback, useRef, useState, useSyncExternalStore, type KeyboardEvent, type PointerEvent, type ReactNode } from "react";
import { IconButton } from "@/components/ui/button";
import { CloseIcon } from "@/components/ui/icons";

const WIDTH_KEY = "arbor.inspectorWidth";
const DEFAULT_WIDTH = 400;
const MIN_WIDTH = 320;
const MAX_WIDTH = 900;

const clamp = (width: number) => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)));

// The remembered width lives in localStorage; components read it through one small external store.
const listeners = new Set<() => void>();
function readWidth(): number {
  const saved = Number(window.localStorage.getItem(WIDTH_KEY));
  return Number.isFinite(saved) && saved > 0 ? clamp(saved) : DEFAULT_WIDTH;
}
function writeWidth(width: number): void {
  window.localStorage.setItem(WIDTH_KEY, String(clamp(width)));
  for (const listener of listeners) listener();
}
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The inspector's frame. From 1024 px wide it is a pane beside the graph, as wide as the user dragged it (remembered
 * across reloads); narrower, it is a drawer over the graph, opened and closed from the header.
 */
export function InspectorFrame({ drawerOpen, onCloseDrawer, children }: { drawerOpen: boolean; onCloseDrawer: () => void; children: ReactNode }) {
  const saved = useSyncExternalStore(subscribe, readWidth, () => DEFAULT_WIDTH);
  const [dragWidth, setDragWidth] = useState<number | null>(null);
  const start = useRef<{ x: number; width: number } | null>(null);
  const width = dragWidth ?? saved;

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    start.current = { x: event.clientX, width };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (start.current) setDragWidth(clamp(start.current.width + start.current.x - event.clientX));
  };
  const onPointerUp = useCallback(() => {
    if (start.current && dragWidth !== null) writeWidth(dragWidth);
    start.current = null;
    setDragWidth(null);
  }, [dragWidth]);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 80 : 20;
    if (event.key === "ArrowLeft") writeWidth(width + step);
    else if (event.key === "ArrowRight") writeWidth(width - step);
    else if (event.key === "Home") writeWidth(MAX_WIDTH);
    else if (event.key === "End") writeWidth(MIN_WIDTH);
    else return;
    event.preventDefault();
  };

  return (
    <div
      data-testid="inspector-frame"
      data-drawer-open={drawerOpen ? "true" : undefined}
      style={{ "--inspector-width": `${width}px` } as React.CSSProperties}
      className={`relative flex shrink-0 max-lg:fixed max-lg:inset-y-0 max-lg:right-0 max-lg:z-40 max-lg:w-[min(28rem,100vw)] max-lg:shadow-2xl lg:w-(--inspector-width) ${drawerOpen ? "" : "max-lg:hidden"}`}
    >
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the inspector"
        aria-valuenow={width}
        aria-valuemin={MIN_WIDTH}
        aria-valuemax={MAX_WIDTH}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onKeyDown}
        className="absolute inset-y-0 -left-1 z-10 w-2 cursor-col-resize outline-none hover:bg-indigo-500/30 focus-visible:bg-indigo-500/50 max-lg:hidden"
      />
      <IconButton label="Close the inspector" className="absolute top-2.5 right-12 z-10 lg:hidden" onClick={onCloseDrawer}>
        <CloseIcon />
      </IconButton>
      {children}
    </div>
  );
}
