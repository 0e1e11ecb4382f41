"use client";

import type { TreeIndex } from "@/lib/tree/tree-index";
import type { NodeSummary } from "@/lib/contracts/nodes";
import type { ComposerMode } from "@/lib/client/explorer-store";
import { focusRing } from "@/components/ui/button";

/** Where the next node goes and what the composer says about it. */
export function targetOf(mode: ComposerMode, selected: NodeSummary | undefined, index: TreeIndex) {
  if (!selected || mode === "root") return { parentId: null, label: "New root", detail: "starts a separate conversation" };
  if (mode === "edit") {
    const parent = selected.parentId === null ? undefined : index.byId.get(selected.parentId);
    return {
      parentId: selected.parentId,
      label: "Edit as a sibling of",
      detail: `“${selected.inputPreview}”${parent ? "" : " (a new root)"}`,
    };
  }
  return { parentId: selected.id, label: "Continue from", detail: `“${selected.inputPreview || selected.id}”` };
}

/** Continue, Edit or New root: what the next send creates relative to the selected node. */
export function SendAsGroup({
  mode,
  hasSelection,
  onChoose,
}: {
  mode: ComposerMode;
  hasSelection: boolean;
  onChoose: (mode: ComposerMode) => void;
}) {
  const modes: { value: ComposerMode; label: string; hint: string; disabled: boolean }[] = [
    { value: "continue", label: "Continue", hint: "Send as a child of the selected node", disabled: !hasSelection },
    { value: "edit", label: "Edit", hint: "Edit the selected turn: sending creates a sibling with the new text", disabled: !hasSelection },
    { value: "root", label: "New root", hint: "Start a separate conversation in this tree", disabled: false },
  ];
  return (
    <div role="group" aria-label="Send as" className="flex shrink-0 rounded-md bg-zinc-100 p-0.5 dark:bg-zinc-900">
      {modes.map((m) => (
        <button
          key={m.value}
          type="button"
          aria-pressed={mode === m.value}
          disabled={m.disabled}
          title={m.hint}
          onClick={() => onChoose(m.value)}
          className={`h-6 rounded px-2 text-[11.5px] font-medium transition-colors disabled:opacity-40 ${focusRing} ${
            mode === m.value
              ? "bg-white text-zinc-900 shadow-xs dark:bg-zinc-800 dark:text-zinc-100"
              : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-200"
          }`}
        >
          {m.label}
        </button>
      ))}
    </div>
  );
}
