"use client";

import { useId, type KeyboardEvent } from "react";
import type { FunctionCall } from "@/lib/responses/input";
import { TextArea } from "./fields";

/** Arguments on one line (re-serialised when they are JSON). */
function compactArguments(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

/** How many of the calls still have an empty output. */
export function missingOutputs(calls: readonly FunctionCall[], values: Readonly<Record<string, string>>): number {
  return calls.filter((call) => (values[call.callId] ?? "").trim() === "").length;
}

export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * The answer to a node's function calls: one output per `call_id`, sent together as `function_call_output` items.
 * Each send is a new child of the node, so a second, different output becomes a sibling branch.
 */
export function FunctionOutputs({
  calls,
  answeredBranches,
  values,
  onChange,
  onSubmit,
  firstInputId,
}: {
  calls: readonly FunctionCall[];
  answeredBranches: number;
  values: Readonly<Record<string, string>>;
  onChange: (callId: string, output: string) => void;
  onSubmit: () => void;
  /** The id of the first output box, so the composer's focus shortcut lands there. */
  firstInputId: string;
}) {
  const id = useId();

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      onSubmit();
    }
  }

  return (
    <div role="group" aria-labelledby={`${id}-title`} data-testid="function-outputs" className="px-3 pt-2">
      <p id={`${id}-title`} className="text-xs font-medium text-amber-700 dark:text-amber-400">
        {answeredBranches === 0
          ? `Awaiting tool output for ${plural(calls.length, "call")}`
          : `Awaiting tool output for ${plural(calls.length, "call")} · answered in ${plural(answeredBranches, "branch")}, another output adds a sibling`}
      </p>
      <ul className="mt-1 max-h-40 space-y-1.5 overflow-y-auto pb-0.5">
        {calls.map((call, i) => {
          const fieldId = i === 0 ? firstInputId : `${id}-${call.callId}`;
          return (
            <li key={call.callId} className="min-w-0">
              <label htmlFor={fieldId} className="flex min-w-0 items-baseline gap-1.5 text-[11.5px] text-zinc-600 dark:text-zinc-400">
                <span className="shrink-0">Output of</span>
                <code className="shrink-0 font-mono font-medium text-zinc-900 dark:text-zinc-100">{call.name}</code>
                <code className="min-w-0 truncate font-mono text-zinc-500 dark:text-zinc-400" title={call.arguments}>
                  ({compactArguments(call.arguments)})
                </code>
                <span className="ml-auto shrink-0 font-mono text-[10.5px] text-zinc-400 dark:text-zinc-500">{call.callId}</span>
              </label>
              <TextArea
                id={fieldId}
                mono
                rows={1}
                value={values[call.callId] ?? ""}
                placeholder='What the function returned, e.g. {"temperature": 18}'
                onKeyDown={onKeyDown}
                onChange={(e) => onChange(call.callId, e.target.value)}
                className="mt-1"
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
