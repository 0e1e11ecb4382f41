"use client";

import { useRef, type KeyboardEvent } from "react";
import type { InspectorTab } from "@/lib/client/explorer-store";
import { focusRing } from "@/components/ui/button";
import { INSPECTOR_PANEL_ID } from "@/lib/client/focus";

/** The inspector's tabs, in order. */
export const INSPECTOR_TABS: { id: InspectorTab; label: string }[] = [
  { id: "answer", label: "Answer" },
  { id: "tools", label: "Tools" },
  { id: "events", label: "Events" },
  { id: "usage", label: "Usage" },
  { id: "request", label: "Request" },
  { id: "response", label: "Response" },
];

/** A WAI-ARIA tab list: one tab in the Tab order, arrow keys, Home and End move between tabs. */
export function TabBar({ tab, onChange }: { tab: InspectorTab; onChange: (tab: InspectorTab) => void }) {
  const refs = useRef<Partial<Record<InspectorTab, HTMLButtonElement | null>>>({});

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const at = INSPECTOR_TABS.findIndex((t) => t.id === tab);
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    const jump = event.key === "Home" ? 0 : event.key === "End" ? INSPECTOR_TABS.length - 1 : null;
    if (step === 0 && jump === null) return;
    event.preventDefault();
    const next = INSPECTOR_TABS[jump ?? (at + step + INSPECTOR_TABS.length) % INSPECTOR_TABS.length];
    if (!next) return;
    onChange(next.id);
    refs.current[next.id]?.focus();
  }

  return (
    <div role="tablist" aria-label="Node details" className="-mb-px mt-2 flex gap-3" onKeyDown={onKeyDown}>
      {INSPECTOR_TABS.map((t) => (
        <button
          key={t.id}
          ref={(element) => {
            refs.current[t.id] = element;
          }}
          type="button"
          role="tab"
          id={`inspector-tab-${t.id}`}
          aria-selected={tab === t.id}
          aria-controls={INSPECTOR_PANEL_ID}
          tabIndex={tab === t.id ? 0 : -1}
          onClick={() => onChange(t.id)}
          className={`shrink-0 border-b-2 pt-1 pb-2 text-[13px] font-medium transition-colors ${focusRing} ${
            tab === t.id
              ? "border-indigo-600 text-zinc-900 dark:border-indigo-400 dark:text-zinc-50"
              : "border-transparent text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200"
          }`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
