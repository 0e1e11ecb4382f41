"use client";

import type { NodeRequest } from "@/lib/client/use-create-node";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/feedback";
import { RefreshIcon } from "@/components/ui/icons";

/**
 * A failure the composer reports: what went wrong, in words, with the provider's code when there is one. `retry`
 * (rate limits) says how to try again: send the box's message again to the parent it went to, or repeat this request.
 */
export type ComposerError = { title: string; message: string; code?: string; retry?: { resendTo: string | null } | NodeRequest };

/** The lines under the composer: what blocks sending, what the parent implies, image and send errors. */
export function ComposerNotices({
  blockedReason,
  onOpenSettings,
  replayNote,
  imageError,
  error,
  onRetry,
  onDismiss,
}: {
  blockedReason: string | null;
  /** Null while the settings panel is open (its own errors show there). */
  onOpenSettings: (() => void) | null;
  replayNote: boolean;
  imageError: string | null;
  error: ComposerError | null;
  /** Null while a node streams (a retry would wait for it anyway). */
  onRetry: (() => void) | null;
  onDismiss: () => void;
}) {
  return (
    <>
      {blockedReason ? (
        <p role="alert" className="mt-1.5 flex min-w-0 items-center gap-2 text-[11px] text-red-600 dark:text-red-400" data-testid="composer-blocked">
          <span className="min-w-0 truncate">{blockedReason}</span>
          {onOpenSettings ? (
            <button type="button" className="shrink-0 font-medium underline underline-offset-2" onClick={onOpenSettings}>
              Open settings
            </button>
          ) : null}
        </p>
      ) : null}
      {imageError ? (
        <p role="alert" className="mt-1.5 text-[11px] text-red-600 dark:text-red-400">
          {imageError}
        </p>
      ) : null}
      {replayNote ? (
        <p className="mt-1.5 text-[11px] text-amber-700 dark:text-amber-400">
          The parent was created with store: false, so the provider cannot chain to it; its history will be replayed.
        </p>
      ) : null}
      {error ? (
        <div className="mt-2">
          <ErrorBanner
            title={error.title}
            message={error.message}
            code={error.code}
            action={
              <div className="flex items-center gap-1">
                {error.retry ? (
                  <Button size="sm" variant="secondary" onClick={onRetry ?? undefined} disabled={onRetry === null}>
                    <RefreshIcon /> Retry
                  </Button>
                ) : null}
                <Button size="sm" variant="ghost" onClick={onDismiss}>
                  Dismiss
                </Button>
              </div>
            }
          />
        </div>
      ) : null}
    </>
  );
}
