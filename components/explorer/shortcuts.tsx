"use client";

import { useEffect, useRef } from "react";
import type { TreeIndex } from "@/lib/tree/tree-index";
import { useExplorer, useExplorerStore } from "@/lib/client/explorer-context";
import { focusComposer, focusSearch, requestComposer } from "@/lib/client/focus";
import { Button } from "@/components/ui/button";

/** Every keyboard shortcut of the explorer, as the `?` dialog lists them. */
export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: "← → ↑ ↓", what: "Move to the parent, a child or a sibling (in the graph)" },
  { keys: "Enter", what: "Open the selected node's answer in the inspector" },
  { keys: "F", what: "Fork: write a follow-up to the selected node" },
  { keys: "E", what: "Edit the selected turn (sending makes a sibling)" },
  { keys: "R", what: "Regenerate the selected node as a sibling" },
  { keys: "C", what: "Fold or unfold the selected node's subtree (in the graph)" },
  { keys: "T", what: "Switch between the graph and the thread view" },
  { keys: "/", what: "Search trees and nodes" },
  { keys: "?", what: "Show these shortcuts" },
];

/** Keys typed into a field are the user's text, never shortcuts. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.closest("dialog") !== null;
}

/** The explorer's letter shortcuts (F, E, R, T, /, ?), anywhere on the page but in a field, and the `?` dialog. */
export function ExplorerShortcuts({ index }: { index: TreeIndex }) {
  const store = useExplorerStore();
  const open = useExplorer((s) => s.shortcutsOpen);
  const setOpen = useExplorer((s) => s.setShortcutsOpen);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented || isTyping(event.target)) return;
      const state = store.getState();
      const selected = state.selectedId !== null && index.byId.has(state.selectedId) ? state.selectedId : null;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      if (event.key === "?") state.setShortcutsOpen(true);
      else if (key === "/") focusSearch();
      else if (key === "t") state.setView(state.view === "thread" ? "graph" : "thread");
      else if (key === "f") {
        state.setComposerMode(selected === null ? "root" : "continue");
        focusComposer();
      } else if (key === "e" && selected !== null) requestComposer("edit");
      else if (key === "r" && selected !== null) requestComposer("regenerate");
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [store, index]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      onClose={() => setOpen(false)}
      aria-labelledby="shortcuts-title"
      className="m-auto w-[min(30rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-zinc-950/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id="shortcuts-title" className="text-[15px] font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="mt-3 grid grid-cols-[7rem_1fr] gap-x-4 gap-y-2 text-[13px]">
        {SHORTCUTS.map((s) => (
          <div key={s.keys} className="contents">
            <dt>
              <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 font-mono text-[12px] dark:border-zinc-700 dark:bg-zinc-800">{s.keys}</kbd>
            </dt>
            <dd className="text-zinc-600 dark:text-zinc-300">{s.what}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-4 flex justify-end">
        <Button onClick={() => setOpen(false)}>Close</Button>
      </div>
    </dialog>
  );
}
