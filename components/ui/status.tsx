import type { ReactNode } from "react";
import type { NodeStatus } from "@/lib/contracts/nodes";

const dotColour: Record<NodeStatus, string> = {
  queued: "bg-zinc-400",
  in_progress: "bg-indigo-500 animate-pulse",
  completed: "bg-emerald-500",
  incomplete: "bg-amber-500",
  failed: "bg-red-500",
  cancelled: "bg-zinc-400",
};

const textColour: Record<NodeStatus, string> = {
  queued: "text-zinc-500 dark:text-zinc-400",
  in_progress: "text-indigo-600 dark:text-indigo-400",
  completed: "text-emerald-700 dark:text-emerald-400",
  incomplete: "text-amber-700 dark:text-amber-400",
  failed: "text-red-600 dark:text-red-400",
  cancelled: "text-zinc-500 dark:text-zinc-400",
};

const labels: Record<NodeStatus, string> = {
  queued: "queued",
  in_progress: "streaming",
  completed: "completed",
  incomplete: "incomplete",
  failed: "failed",
  cancelled: "cancelled",
};

/**
 * A coloured dot and the status in words (colour is never the only signal).
 * `quiet` shows only the dot for "completed", the usual case, to save room on graph cards; the word stays for screen readers.
 */
export function StatusLabel({ status, className = "", quiet = false }: { status: NodeStatus; className?: string; quiet?: boolean }) {
  const hideWord = quiet && status === "completed";
  return (
    <span className={`inline-flex items-center gap-1.5 ${textColour[status]} ${className}`} title={labels[status]}>
      <span aria-hidden="true" className={`size-1.5 shrink-0 rounded-full ${dotColour[status]}`} />
      <span className={hideWord ? "sr-only" : undefined}>{labels[status]}</span>
    </span>
  );
}

/** A small neutral pill for badges (context mode, model, counts). */
export function Badge({ children, tone = "neutral", title }: { children: ReactNode; tone?: "neutral" | "accent" | "warn"; title?: string }) {
  const tones = {
    neutral: "border-zinc-200 bg-zinc-50 text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400",
    accent: "border-indigo-200 bg-indigo-50 text-indigo-700 dark:border-indigo-900 dark:bg-indigo-950/50 dark:text-indigo-300",
    warn: "border-amber-200 bg-amber-50 text-amber-800 dark:border-amber-900/70 dark:bg-amber-950/40 dark:text-amber-300",
  };
  return (
    <span title={title} className={`inline-flex h-[18px] items-center rounded border px-1.5 text-[10.5px] leading-none font-medium whitespace-nowrap ${tones[tone]}`}>
      {children}
    </span>
  );
}
