"use client";

import { useLinkStatus } from "next/link";

/**
 * " · opening…" inside a Link while its page loads: tree pages are read on the server before they show (no skeleton),
 * so a slow one would otherwise give no sign that the click was taken.
 */
export function LinkPending() {
  const { pending } = useLinkStatus();
  return pending ? <span className="text-indigo-600 dark:text-indigo-400"> · opening…</span> : null;
}
