"use client";

import { Button } from "@/components/ui/button";
import { RefreshIcon, SendIcon, StopIcon } from "@/components/ui/icons";
import { plural } from "./function-outputs";

/** The composer's buttons on the right: Regenerate, then Stop while a node streams, else Send (a message or outputs). */
export function ComposerActions({
  canRegenerate,
  onRegenerate,
  busy,
  onStop,
  outputs,
  canSend,
  onSend,
}: {
  /** Null with no node selected (nothing to regenerate). */
  canRegenerate: boolean | null;
  onRegenerate: () => void;
  busy: boolean;
  onStop: () => void;
  /** The function outputs awaited, and how many are still empty; null when the box takes a message. */
  outputs: { count: number; missing: number } | null;
  canSend: boolean;
  onSend: () => void;
}) {
  return (
    <div className="ml-auto flex items-center gap-1.5">
      {canRegenerate !== null ? (
        <Button
          size="sm"
          variant="ghost"
          onClick={onRegenerate}
          disabled={!canRegenerate}
          aria-label="Regenerate: a sibling with the same input and parent"
          title="Ask again: a sibling with the same input and parent"
        >
          <RefreshIcon /> <span className="hidden @lg:inline">Regenerate</span>
        </Button>
      ) : null}
      {busy ? (
        <Button size="sm" variant="secondary" onClick={onStop} aria-label="Stop generating">
          <StopIcon /> Stop
        </Button>
      ) : outputs ? (
        <Button
          size="sm"
          variant="primary"
          onClick={onSend}
          disabled={!canSend}
          title={outputs.missing > 0 ? `Fill in ${plural(outputs.missing, "output")} to send` : "Ctrl+Enter sends from an output box"}
        >
          <SendIcon /> {outputs.count === 1 ? "Send output" : "Send outputs"}
        </Button>
      ) : (
        <Button size="sm" variant="primary" onClick={onSend} disabled={!canSend}>
          <SendIcon /> Send
        </Button>
      )}
    </div>
  );
}
