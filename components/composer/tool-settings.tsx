"use client";

import { useId } from "react";
import {
  EXAMPLE_PARAMETERS,
  isHostedToolAvailable,
  type ComposerSettings,
  type FunctionDraft,
  type HostedToolType,
  type SettingsErrors,
} from "@/lib/client/composer/settings";
import { Button, IconButton } from "@/components/ui/button";
import { PlusIcon, TrashIcon } from "@/components/ui/icons";
import { Field, SectionTitle, TextArea, TextInput, Toggle } from "./fields";
import { FileSearchSettings } from "./file-search-settings";

type Update = (change: (settings: ComposerSettings) => ComposerSettings) => void;
type Props = {
  settings: ComposerSettings;
  update: Update;
  errors: SettingsErrors;
  hostedTools: readonly string[];
  providerId: string;
  providerLabel: string;
};

let nextFunctionId = 0;

/** Hosted tools (each needs the provider to run it), MCP servers and function tools. */
export function ToolSettings({ settings, update, errors, hostedTools, providerId, providerLabel }: Props) {
  const id = useId();
  const reason = (type: HostedToolType) => (isHostedToolAvailable(type, hostedTools) ? undefined : `${providerLabel} does not run ${type}`);

  const setFunction = (fnId: string, patch: Partial<FunctionDraft>) =>
    update((s) => ({ ...s, functions: s.functions.map((fn) => (fn.id === fnId ? { ...fn, ...patch } : fn)) }));
  const addFunction = () =>
    update((s) => ({
      ...s,
      functions: [...s.functions, { id: `new-${(nextFunctionId += 1)}`, name: "", description: "", parameters: EXAMPLE_PARAMETERS }],
    }));

  return (
    <section aria-labelledby={`${id}-tools`}>
      <SectionTitle>
        <span id={`${id}-tools`}>Tools</span>
      </SectionTitle>
      <Toggle
        id={`${id}-web`}
        label="Web search"
        checked={settings.webSearch}
        onChange={(on) => update((s) => ({ ...s, webSearch: on }))}
        disabledReason={reason("web_search")}
      />
      <Toggle
        id={`${id}-code`}
        label="Code interpreter"
        checked={settings.codeInterpreter}
        onChange={(on) => update((s) => ({ ...s, codeInterpreter: on }))}
        disabledReason={reason("code_interpreter")}
      />
      <Toggle
        id={`${id}-files`}
        label="File search"
        checked={settings.fileSearch.enabled}
        onChange={(on) => update((s) => ({ ...s, fileSearch: { ...s.fileSearch, enabled: on } }))}
        disabledReason={reason("file_search")}
      >
        <FileSearchSettings
          providerId={providerId}
          providerLabel={providerLabel}
          settings={settings}
          update={update}
          error={errors["fileSearch.vectorStoreIds"]}
        />
      </Toggle>
      <Toggle
        id={`${id}-mcp`}
        label="MCP server"
        checked={settings.mcp.enabled}
        onChange={(on) => update((s) => ({ ...s, mcp: { ...s.mcp, enabled: on } }))}
        disabledReason={reason("mcp")}
      >
        <div className="grid grid-cols-2 gap-2">
          <Field id={`${id}-mcp-label`} label="Server label" error={errors["mcp.serverLabel"]}>
            <TextInput
              id={`${id}-mcp-label`}
              error={errors["mcp.serverLabel"]}
              value={settings.mcp.serverLabel}
              placeholder="docs"
              onChange={(e) => update((s) => ({ ...s, mcp: { ...s.mcp, serverLabel: e.target.value } }))}
            />
          </Field>
          <Field id={`${id}-mcp-approval`} label="Require approval">
            <select
              id={`${id}-mcp-approval`}
              value={settings.mcp.requireApproval}
              onChange={(e) => update((s) => ({ ...s, mcp: { ...s.mcp, requireApproval: e.target.value === "never" ? "never" : "always" } }))}
              className="h-7 w-full rounded-md border border-zinc-200 bg-white px-1.5 text-xs text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200"
            >
              <option value="always">always</option>
              <option value="never">never</option>
            </select>
          </Field>
          <div className="col-span-2">
            <Field id={`${id}-mcp-url`} label="Server URL" error={errors["mcp.serverUrl"]}>
              <TextInput
                id={`${id}-mcp-url`}
                error={errors["mcp.serverUrl"]}
                type="url"
                value={settings.mcp.serverUrl}
                placeholder="https://example.com/mcp"
                onChange={(e) => update((s) => ({ ...s, mcp: { ...s.mcp, serverUrl: e.target.value } }))}
              />
            </Field>
          </div>
        </div>
      </Toggle>

      <div className="mt-2 flex items-center justify-between">
        <h4 className="text-xs text-zinc-800 dark:text-zinc-200">Functions</h4>
        <Button size="sm" variant="ghost" onClick={addFunction}>
          <PlusIcon width={14} height={14} /> Add function
        </Button>
      </div>
      {settings.functions.length === 0 ? (
        <p className="text-[11px] text-zinc-400 dark:text-zinc-500">None. Your code answers a function call with its output.</p>
      ) : null}
      <ul className="space-y-2">
        {settings.functions.map((fn, i) => (
          <li key={fn.id}>
            <FunctionEditor
              fn={fn}
              number={i + 1}
              errors={errors}
              onChange={(patch) => setFunction(fn.id, patch)}
              onRemove={() => update((s) => ({ ...s, functions: s.functions.filter((f) => f.id !== fn.id) }))}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One function tool: name, description and a parameters JSON schema checked as it is typed. */
function FunctionEditor({
  fn,
  number,
  errors,
  onChange,
  onRemove,
}: {
  fn: FunctionDraft;
  number: number;
  errors: SettingsErrors;
  onChange: (patch: Partial<FunctionDraft>) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const nameError = errors[`function.${fn.id}.name`];
  const parametersError = errors[`function.${fn.id}.parameters`];
  return (
    <fieldset
      aria-label={`Function ${number}`}
      className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800"
      data-testid="function-editor"
    >
      <div className="flex items-start gap-2">
        <div className="flex-1">
          <Field id={`${id}-name`} label="Name" error={nameError}>
            <TextInput
              id={`${id}-name`}
              error={nameError}
              value={fn.name}
              placeholder="get_weather"
              className="font-mono"
              onChange={(e) => onChange({ name: e.target.value })}
            />
          </Field>
        </div>
        <IconButton label={`Remove function ${fn.name || number}`} onClick={onRemove} className="mt-4">
          <TrashIcon width={14} height={14} />
        </IconButton>
      </div>
      <div className="mt-1.5">
        <Field id={`${id}-description`} label="Description">
          <TextInput
            id={`${id}-description`}
            value={fn.description}
            placeholder="What it does, so the model knows when to call it"
            onChange={(e) => onChange({ description: e.target.value })}
          />
        </Field>
      </div>
      <div className="mt-1.5">
        <Field id={`${id}-parameters`} label="Parameters (JSON schema)" error={parametersError} hint='An object schema: "type": "object"'>
          <TextArea
            id={`${id}-parameters`}
            mono
            rows={5}
            error={parametersError}
            value={fn.parameters}
            onChange={(e) => onChange({ parameters: e.target.value })}
          />
        </Field>
      </div>
    </fieldset>
  );
}
