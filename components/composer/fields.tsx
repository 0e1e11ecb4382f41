"use client";

import type { ComponentProps, ReactNode, TextareaHTMLAttributes } from "react";
import { focusRing } from "@/components/ui/button";

const base =
  "w-full rounded-md border bg-white text-xs text-zinc-800 placeholder:text-zinc-400 disabled:opacity-50 dark:bg-zinc-900 dark:text-zinc-200 dark:placeholder:text-zinc-500";
const border = (invalid: boolean) =>
  invalid ? "border-red-400 dark:border-red-700" : "border-zinc-200 dark:border-zinc-800";

/** A labelled field with its inline error (announced, and tied to the control by `aria-describedby`). */
export function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-1 block text-[11px] font-medium text-zinc-600 dark:text-zinc-400">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-[11px] leading-4 text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p className="mt-1 text-[11px] leading-4 text-zinc-400 dark:text-zinc-500">{hint}</p>
      ) : null}
    </div>
  );
}

type InputProps = ComponentProps<"input"> & { id: string; error?: string };

/** A one-line text input; red with its error described when invalid. */
export function TextInput({ id, error, className = "", ...props }: InputProps) {
  return (
    <input
      id={id}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
      className={`${base} ${border(Boolean(error))} h-7 px-2 ${focusRing} ${className}`}
      {...props}
    />
  );
}

type AreaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string; error?: string; mono?: boolean };

/** A multi-line input (monospace for JSON). */
export function TextArea({ id, error, mono = false, className = "", ...props }: AreaProps) {
  return (
    <textarea
      id={id}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
      spellCheck={mono ? false : undefined}
      className={`${base} ${border(Boolean(error))} block resize-y px-2 py-1.5 leading-4 ${mono ? "font-mono text-[11px]" : ""} ${focusRing} ${className}`}
      {...props}
    />
  );
}

/** A checkbox with its label and, when it cannot be used, the reason beside it. */
export function Toggle({
  id,
  label,
  checked,
  onChange,
  disabledReason,
  children,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabledReason?: string;
  children?: ReactNode;
}) {
  const disabled = disabledReason !== undefined;
  return (
    <div className="py-1">
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={disabled ? `${id}-reason` : undefined}
          className={`mt-0.5 size-3.5 shrink-0 accent-indigo-600 disabled:opacity-50 ${focusRing}`}
        />
        <div className="min-w-0 flex-1">
          <label htmlFor={id} className={`text-xs ${disabled ? "text-zinc-400 dark:text-zinc-500" : "text-zinc-800 dark:text-zinc-200"}`}>
            {label}
          </label>
          {disabled ? (
            <p id={`${id}-reason`} className="text-[11px] leading-4 text-zinc-400 dark:text-zinc-500">
              {disabledReason}
            </p>
          ) : null}
        </div>
      </div>
      {checked && !disabled && children ? <div className="mt-1.5 ml-5.5">{children}</div> : null}
    </div>
  );
}

/** A small heading inside the settings panel. */
export function SectionTitle({ children }: { children: ReactNode }) {
  return <h3 className="mb-1.5 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{children}</h3>;
}
