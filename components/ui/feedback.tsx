import type { ReactNode } from "react";
import { AlertIcon } from "./icons";

/** A grey placeholder block while data loads. */
export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded-md bg-zinc-200/70 dark:bg-zinc-800/70 ${className}`} />;
}

/** An inline error: what went wrong, in words, with an optional action (retry, dismiss). */
export function ErrorBanner({ title, message, action, code }: { title: string; message: string; code?: string; action?: ReactNode }) {
  return (
    <div
      role="alert"
      className="flex items-start gap-2.5 rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 text-[13px] text-red-800 dark:border-red-900/60 dark:bg-red-950/30 dark:text-red-300"
    >
      <AlertIcon className="mt-0.5 shrink-0" />
      <div className="min-w-0 flex-1">
        <p className="font-medium">
          {title}
          {code ? <span className="ml-2 font-mono text-[11px] font-normal opacity-70">{code}</span> : null}
        </p>
        <p className="mt-0.5 break-words text-red-700/90 dark:text-red-300/80">{message}</p>
      </div>
      {action ? <div className="shrink-0">{action}</div> : null}
    </div>
  );
}

/** A centred message for an empty or missing thing, with room for a call to action. */
export function EmptyState({ icon, title, children, action }: { icon?: ReactNode; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center px-6 text-center">
      {icon ? (
        <div className="mb-4 flex size-10 items-center justify-center rounded-xl border border-zinc-200 bg-white text-zinc-500 shadow-xs dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
          {icon}
        </div>
      ) : null}
      <h2 className="text-[15px] font-semibold text-zinc-900 dark:text-zinc-100">{title}</h2>
      {children ? <div className="mt-1.5 max-w-sm text-[13px] text-zinc-500 dark:text-zinc-400">{children}</div> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
