"use client";

import { useEffect, useState } from "react";
import { Button, IconButton } from "./button";
import { CheckIcon, CopyIcon } from "./icons";

/** Copies `text` to the clipboard and says so for a moment (also to screen readers). */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 1600);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <Button size="sm" variant="secondary" onClick={copy} aria-live="polite">
      {state === "copied" ? <CheckIcon className="text-emerald-600" /> : <CopyIcon />}
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}
    </Button>
  );
}

/** A small copy button for an id on a line of its own (the icon says whether it worked). */
export function CopyIconButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  useEffect(() => {
    if (copied === null) return;
    const timer = window.setTimeout(() => setCopied(null), 1600);
    return () => window.clearTimeout(timer);
  }, [copied]);
  return (
    <IconButton
      label={copied === true ? "Copied" : copied === false ? "Copy failed" : label}
      className="size-5 shrink-0"
      onClick={() => navigator.clipboard.writeText(text).then(() => setCopied(true), () => setCopied(false))}
    >
      {copied ? <CheckIcon width={12} height={12} className="text-emerald-600" /> : <CopyIcon width={12} height={12} />}
    </IconButton>
  );
}
