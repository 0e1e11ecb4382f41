"use client";

import { useCallback, useEffect, useRef, type RefObject } from "react";
import { settingsSummary } from "@/lib/client/composer/badges";
import type { ComposerSettings, SettingsErrors } from "@/lib/client/composer/settings";
import { focusRing, IconButton } from "@/components/ui/button";
import { CloseIcon } from "@/components/ui/icons";
import { ParamSettings } from "./param-settings";
import { ToolSettings } from "./tool-settings";
import { UploadsContext, useUploads } from "./use-uploads";

export const SETTINGS_PANEL_ID = "composer-settings";

/** How many badges the button shows before "+N". */
const VISIBLE_BADGES = 2;

const SlidersIcon = () => (
  <svg width={14} height={14} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" aria-hidden="true">
    <path d="M2 4.5h7M12 4.5h2M2 11.5h2M7 11.5h7" />
    <circle cx="10.5" cy="4.5" r="1.5" />
    <circle cx="5.5" cy="11.5" r="1.5" />
  </svg>
);

/** Opens the tools and parameters; shows at a glance what the next node will send, and whether something blocks it. */
export function SettingsButton({
  badges,
  invalid,
  open,
  onToggle,
  buttonRef,
}: {
  badges: string[];
  invalid: boolean;
  open: boolean;
  onToggle: () => void;
  buttonRef: RefObject<HTMLButtonElement | null>;
}) {
  const shown = badges.slice(0, VISIBLE_BADGES);
  const more = badges.length - shown.length;
  const summary = badges.length > 0 ? badges.join(", ") : "none set";
  return (
    <button
      ref={buttonRef}
      type="button"
      aria-expanded={open}
      aria-controls={SETTINGS_PANEL_ID}
      aria-label={`Tools and settings: ${summary}${invalid ? " (needs fixing)" : ""}`}
      title={badges.length > 0 ? `Next node sends: ${summary}` : "Tools and parameters of the next node"}
      onClick={onToggle}
      data-testid="composer-settings-button"
      className={`flex h-6 max-w-[45%] min-w-0 shrink items-center gap-1 rounded-md border px-1.5 text-[11px] transition-colors ${focusRing} ${
        invalid
          ? "border-red-300 text-red-700 dark:border-red-800 dark:text-red-400"
          : open
            ? "border-indigo-300 bg-indigo-50 text-indigo-700 dark:border-indigo-800 dark:bg-indigo-950/40 dark:text-indigo-300"
            : "border-zinc-200 text-zinc-600 hover:bg-zinc-50 dark:border-zinc-800 dark:text-zinc-400 dark:hover:bg-zinc-900"
      }`}
    >
      <SlidersIcon />
      {badges.length === 0 ? <span className="font-medium">Tools &amp; settings</span> : null}
      {shown.map((badge) => (
        <span
          key={badge}
          data-testid="composer-badge"
          className="truncate rounded bg-zinc-100 px-1 font-mono text-[10.5px] text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
        >
          {badge}
        </span>
      ))}
      {more > 0 ? <span className="shrink-0 text-zinc-500 dark:text-zinc-400">+{more}</span> : null}
    </button>
  );
}

/** What the settings panel shows and changes. */
type SettingsProps = {
  settings: ComposerSettings;
  update: (change: (settings: ComposerSettings) => ComposerSettings) => void;
  errors: SettingsErrors;
  hostedTools: readonly string[];
  providerId: string;
  providerLabel: string;
  saveError: string | null;
};

/** The tools and parameters panel: opens above the composer, closes with Escape, a click outside, or its close button. */
export function SettingsPanel({
  settings,
  update,
  errors,
  hostedTools,
  providerId,
  providerLabel,
  saveError,
  onClose,
  buttonRef,
}: SettingsProps & { onClose: () => void; buttonRef: RefObject<HTMLButtonElement | null> }) {
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    panel.current?.querySelector<HTMLElement>("input:not(:disabled), textarea, select")?.focus();
    function onPointerDown(event: PointerEvent) {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !buttonRef.current?.contains(target)) onClose();
    }
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [onClose, buttonRef]);

  return (
    <div
      ref={panel}
      id={SETTINGS_PANEL_ID}
      role="region"
      aria-label="Tools and settings"
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        event.stopPropagation();
        onClose();
        buttonRef.current?.focus();
      }}
      className="absolute right-4 bottom-full left-4 z-20 mb-2 max-h-[min(34rem,calc(100vh-10rem))] overflow-y-auto rounded-lg border border-zinc-200 bg-white shadow-lg dark:border-zinc-800 dark:bg-zinc-950 dark:shadow-black/40"
    >
      <div className="sticky top-0 z-10 flex items-center justify-between border-b border-zinc-200 bg-white/95 px-3 py-1.5 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/95">
        <p className="text-xs font-medium text-zinc-800 dark:text-zinc-200">
          Tools and settings <span className="font-normal text-zinc-400 dark:text-zinc-500">· remembered for this tree</span>
        </p>
        <IconButton label="Close tools and settings" onClick={() => { onClose(); buttonRef.current?.focus(); }}>
          <CloseIcon width={14} height={14} />
        </IconButton>
      </div>
      {saveError ? (
        <p role="alert" className="mx-3 mt-2 text-[11px] text-red-600 dark:text-red-400">
          Could not save these settings to the tree: {saveError}
        </p>
      ) : null}
      <div className="grid gap-x-5 gap-y-4 p-3 @xl:grid-cols-2">
        <ToolSettings settings={settings} update={update} errors={errors} hostedTools={hostedTools} providerId={providerId} providerLabel={providerLabel} />
        <ParamSettings settings={settings} update={update} errors={errors} />
      </div>
    </div>
  );
}

/**
 * The composer's tools and settings: the button with what the next node sends, and while `open` the panel above the
 * composer (which must be positioned), with the uploads of its file search stores kept while it is closed.
 */
export function SettingsControl({ open, onOpenChange, ...props }: SettingsProps & { open: boolean; onOpenChange: (open: boolean) => void }) {
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => onOpenChange(false), [onOpenChange]);
  const uploads = useUploads(props.providerId);
  return (
    <>
      <SettingsButton
        badges={settingsSummary(props.settings, props.hostedTools)}
        invalid={Object.keys(props.errors).length > 0}
        open={open}
        onToggle={() => onOpenChange(!open)}
        buttonRef={button}
      />
      {open ? (
        <UploadsContext value={uploads}>
          <SettingsPanel {...props} onClose={close} buttonRef={button} />
        </UploadsContext>
      ) : null}
    </>
  );
}
