"use client";

import { useId } from "react";
import type { ComposerSettings, SettingsErrors } from "@/lib/client/composer/settings";
import { REASONING_EFFORTS, type ReasoningEffort } from "@/lib/contracts/nodes";
import { focusRing } from "@/components/ui/button";
import { Field, SectionTitle, TextArea, TextInput, Toggle } from "./fields";

type Update = (change: (settings: ComposerSettings) => ComposerSettings) => void;
type NumberKey = "temperature" | "topP" | "maxOutputTokens";

const numberFields: { key: NumberKey; label: string; placeholder: string }[] = [
  { key: "temperature", label: "Temperature", placeholder: "0–2" },
  { key: "topP", label: "Top p", placeholder: "0–1" },
  { key: "maxOutputTokens", label: "Max output tokens", placeholder: "e.g. 1024" },
];

/** Instructions and the model parameters of the next node; an empty field is not sent. */
export function ParamSettings({ settings, update, errors }: { settings: ComposerSettings; update: Update; errors: SettingsErrors }) {
  const id = useId();
  const output = settings.structuredOutput;
  return (
    <section aria-labelledby={`${id}-params`}>
      <SectionTitle>
        <span id={`${id}-params`}>Parameters</span>
      </SectionTitle>
      <Field id={`${id}-instructions`} label="Instructions">
        <TextArea
          id={`${id}-instructions`}
          rows={3}
          value={settings.instructions}
          placeholder="System instructions for the model (not sent when empty)"
          onChange={(e) => update((s) => ({ ...s, instructions: e.target.value }))}
        />
      </Field>
      <div className="mt-2 grid grid-cols-[1fr_1fr_1.3fr] gap-2">
        {numberFields.map((field) => (
          <Field key={field.key} id={`${id}-${field.key}`} label={field.label}>
            <TextInput
              id={`${id}-${field.key}`}
              inputMode="decimal"
              error={errors[field.key]}
              value={settings[field.key]}
              placeholder={field.placeholder}
              onChange={(e) => update((s) => ({ ...s, [field.key]: e.target.value }))}
            />
          </Field>
        ))}
      </div>
      {/* The three columns are narrow: their errors read better on full-width lines below them. */}
      {numberFields.map((field) =>
        errors[field.key] ? (
          <p key={field.key} id={`${id}-${field.key}-error`} role="alert" className="mt-1 text-[11px] leading-4 text-red-600 dark:text-red-400">
            {errors[field.key]}
          </p>
        ) : null,
      )}
      <div className="mt-2 grid grid-cols-2 items-end gap-2">
        <Field id={`${id}-effort`} label="Reasoning effort">
          <select
            id={`${id}-effort`}
            value={settings.reasoningEffort}
            onChange={(e) => update((s) => ({ ...s, reasoningEffort: e.target.value as ReasoningEffort }))}
            className={`h-7 w-full rounded-md border border-zinc-200 bg-white px-1.5 text-xs text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200 ${focusRing}`}
          >
            <option value="">Model default</option>
            {REASONING_EFFORTS.map((effort) => (
              <option key={effort} value={effort}>
                {effort}
              </option>
            ))}
          </select>
        </Field>
        <Toggle
          id={`${id}-store`}
          label="Store the response"
          checked={settings.store}
          onChange={(on) => update((s) => ({ ...s, store: on }))}
        />
      </div>
      <div className="mt-2">
        <Field
          id={`${id}-compact`}
          label="Compact context above (tokens)"
          error={errors.compactThreshold}
          hint="Sent as context_management: past this many tokens the provider folds the history into a compaction item"
        >
          <TextInput
            id={`${id}-compact`}
            inputMode="numeric"
            error={errors.compactThreshold}
            value={settings.compactThreshold}
            placeholder="Never (e.g. 1000 or more)"
            onChange={(e) => update((s) => ({ ...s, compactThreshold: e.target.value }))}
          />
        </Field>
      </div>
      <div className="mt-1">
        <Toggle
          id={`${id}-json`}
          label="Structured output (JSON schema)"
          checked={output.enabled}
          onChange={(on) => update((s) => ({ ...s, structuredOutput: { ...s.structuredOutput, enabled: on } }))}
        >
          <Field id={`${id}-json-name`} label="Schema name" error={errors["text.name"]}>
            <TextInput
              id={`${id}-json-name`}
              error={errors["text.name"]}
              className="font-mono"
              value={output.name}
              onChange={(e) => update((s) => ({ ...s, structuredOutput: { ...s.structuredOutput, name: e.target.value } }))}
            />
          </Field>
          <div className="mt-1.5">
            <Field id={`${id}-json-schema`} label="Schema" error={errors["text.schema"]} hint="Sent as text.format with strict: true">
              <TextArea
                id={`${id}-json-schema`}
                mono
                rows={6}
                error={errors["text.schema"]}
                value={output.schema}
                onChange={(e) => update((s) => ({ ...s, structuredOutput: { ...s.structuredOutput, schema: e.target.value } }))}
              />
            </Field>
          </div>
        </Toggle>
      </div>
    </section>
  );
}
