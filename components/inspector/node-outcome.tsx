"use client";

import type { NodeSummary } from "@/lib/contracts/nodes";
import { rateLimitMessage } from "@/lib/client/failures";
import { useProviderLabel } from "@/lib/client/queries";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/feedback";
import { AlertIcon, RefreshIcon } from "@/components/ui/icons";

/** How a node ended when it did not complete: its error (a rate limit said plainly), or that it was stopped; with Retry. */
export function NodeOutcome({ summary, busy, onRetry }: { summary: NodeSummary; busy: boolean; onRetry: () => void }) {
  const providerLabel = useProviderLabel(summary.providerId);
  const retry = (
    <Button size="sm" variant="secondary" onClick={onRetry} disabled={busy}>
      <RefreshIcon /> Retry
    </Button>
  );
  if (summary.status === "failed") {
    const limited = rateLimitMessage(summary.error, providerLabel);
    return (
      <ErrorBanner
        title={limited ? "Rate limited" : "This call failed"}
        code={summary.error?.code}
        message={limited ?? summary.error?.message ?? "The provider gave no details."}
        action={retry}
      />
    );
  }
  if (summary.status === "cancelled") {
    return (
      <div className="flex items-center justify-between gap-3">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">Stopped before the answer was complete.</p>
        {retry}
      </div>
    );
  }
  return null;
}

/** The line over an answer that broke off: it is what arrived, not the whole answer. */
export function PartialNote({ text }: { text: string }) {
  return (
    <p
      data-testid="partial-answer"
      className="mb-2 flex items-center gap-2 rounded-md border border-amber-200 bg-amber-50 px-2.5 py-1.5 text-xs font-medium text-amber-800 dark:border-amber-900/60 dark:bg-amber-950/30 dark:text-amber-300"
    >
      <AlertIcon className="shrink-0" width={14} height={14} />
      {text}
    </p>
  );
}
