"use client";

import { useId, useState } from "react";
import type { NodeSummary } from "@/lib/contracts/nodes";
import { useUpdateNode } from "@/lib/client/mutations";
import { IconButton, focusRing } from "@/components/ui/button";
import { NoteIcon, StarIcon } from "@/components/ui/icons";

/** A reader's label, note and star on the selected node: shown on its card, searchable, never sent to a model. */
export function NodeNotes({ summary }: { summary: NodeSummary }) {
  const update = useUpdateNode();
  const labelId = useId();
  const noteId = useId();
  const [label, setLabel] = useState(summary.label ?? "");
  const [note, setNote] = useState<string | null>(null);
  const save = (fields: Parameters<typeof update.mutate>[0]["fields"]) => update.mutate({ nodeId: summary.id, fields });

  const commitLabel = () => {
    if (label.trim() !== (summary.label ?? "")) save({ label });
  };
  const commitNote = () => {
    if (note !== null && note.trim() !== (summary.note ?? "")) save({ note });
    setNote(null);
  };

  return (
    <div className="mt-2 flex flex-col gap-1.5">
      <div className="flex items-center gap-1">
        <IconButton label={summary.starred ? "Unstar this node" : "Star this node"} pressed={summary.starred} onClick={() => save({ starred: !summary.starred })} className="size-6">
          <StarIcon filled={summary.starred} width={14} height={14} className={summary.starred ? "text-amber-500" : ""} />
        </IconButton>
        <label htmlFor={labelId} className="sr-only">
          Label
        </label>
        <input
          id={labelId}
          value={label}
          maxLength={80}
          placeholder="Add a label…"
          onChange={(event) => setLabel(event.target.value)}
          onBlur={commitLabel}
          onKeyDown={(event) => {
            if (event.key === "Enter") commitLabel();
            if (event.key === "Escape") setLabel(summary.label ?? "");
          }}
          className={`h-6 min-w-0 flex-1 rounded border border-transparent bg-transparent px-1.5 text-[12px] hover:border-zinc-200 focus:border-indigo-400 dark:hover:border-zinc-700 ${focusRing}`}
        />
        <IconButton label={summary.note ? "Edit the note" : "Add a note"} pressed={note !== null || summary.note !== null} onClick={() => setNote(note === null ? (summary.note ?? "") : null)} className="size-6">
          <NoteIcon width={14} height={14} />
        </IconButton>
      </div>
      {note !== null ? (
        <>
          <label htmlFor={noteId} className="sr-only">
            Note
          </label>
          <textarea
            id={noteId}
            autoFocus
            rows={3}
            maxLength={4000}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            onBlur={commitNote}
            onKeyDown={(event) => {
              if (event.key === "Escape") setNote(null);
            }}
            placeholder="What this node shows, why it matters…"
            className={`w-full rounded-md border border-zinc-200 bg-white px-2 py-1.5 text-[12.5px] dark:border-zinc-700 dark:bg-zinc-900 ${focusRing}`}
          />
        </>
      ) : summary.note ? (
        <p data-testid="node-note" className="rounded-md bg-amber-50 px-2 py-1.5 text-[12.5px] whitespace-pre-wrap text-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
          {summary.note}
        </p>
      ) : null}
      {update.error ? (
        <p role="alert" className="text-[11.5px] text-red-600 dark:text-red-400">
          Could not save: {update.error.message}
        </p>
      ) : null}
    </div>
  );
}
