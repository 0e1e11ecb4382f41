"use client";

import type { RequestedContextMode } from "@/lib/contracts/nodes";
import { useProviders } from "@/lib/client/queries";
import { focusRing } from "@/components/ui/button";

/** A provider and one of its models. */
export type ModelChoice = { providerId: string; model: string };

const selectClass = `h-7 rounded-md border border-zinc-200 bg-white pr-7 pl-2 text-xs text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300 ${focusRing}`;

/** Pick the provider and model of the next node; the list comes from `GET /api/providers`. */
export function ModelPicker({ value, onChange }: { value: ModelChoice; onChange: (choice: ModelChoice) => void }) {
  const providers = useProviders();
  const current = `${value.providerId}/${value.model}`;
  const known = providers.data?.some((p) => p.id === value.providerId && p.models.includes(value.model)) ?? false;

  return (
    <label className="flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
      <span className="sr-only">Model</span>
      <select
        className={`${selectClass} max-w-48 font-mono @2xl:max-w-60`}
        value={current}
        disabled={providers.isPending}
        onChange={(event) => {
          const raw = event.target.value;
          const slash = raw.indexOf("/");
          // Provider ids never contain "/", model names may (for example "openai/gpt-4o" on a gateway).
          onChange({ providerId: raw.slice(0, slash), model: raw.slice(slash + 1) });
        }}
      >
        {!known ? <option value={current}>{value.model}</option> : null}
        {providers.data?.map((provider) => (
          <optgroup key={provider.id} label={provider.hasKey ? provider.label : `${provider.label} (no key)`}>
            {provider.models.map((model) => (
              <option key={model} value={`${provider.id}/${model}`} disabled={!provider.hasKey}>
                {model}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}

const contextOptions: { value: RequestedContextMode; label: string }[] = [
  { value: "auto", label: "Context: auto" },
  { value: "chain", label: "Context: chain" },
  { value: "replay", label: "Context: replay" },
];

/** How the next node's history reaches the model. */
export function ContextModeSelect({ value, onChange }: { value: RequestedContextMode; onChange: (mode: RequestedContextMode) => void }) {
  return (
    <label className="flex items-center text-xs">
      <span className="sr-only">Context mode</span>
      <select
        className={selectClass}
        value={value}
        onChange={(event) => onChange(event.target.value as RequestedContextMode)}
        title="auto: chain with previous_response_id when the parent is stored, else replay the history"
      >
        {contextOptions.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
