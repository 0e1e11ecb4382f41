"use client";

import Link from "next/link";
import { useState } from "react";
import { exportUrl } from "@/lib/client/api";
import type { TreeIndex } from "@/lib/tree/tree-index";
import type { Tree } from "@/lib/contracts/trees";
import { useUpdateTree } from "@/lib/client/mutations";
import { focusRing } from "@/components/ui/button";
import { useExplorer } from "@/lib/client/explorer-context";
import type { CentreView } from "@/lib/client/explorer-store";
import { useCanWrite } from "@/lib/client/queries";
import { ShareButton } from "@/components/team/share-dialog";

/** The explorer's top bar: the tree's title (click to rename), its default model and size. */
export function ExplorerHeader({
  tree,
  index,
  drawerOpen,
  onToggleDrawer,
  readOnly = false,
}: {
  tree: Tree;
  index: TreeIndex;
  drawerOpen: boolean;
  onToggleDrawer: () => void;
  readOnly?: boolean;
}) {
  const nodeCount = index.byId.size;
  const [draft, setDraft] = useState<string | null>(null);
  const rename = useUpdateTree();

  function commit() {
    const title = draft?.trim() ?? "";
    setDraft(null);
    if (title !== "" && title !== tree.title) rename.mutate({ treeId: tree.id, fields: { title } });
  }

  return (
    <header className="flex h-12 shrink-0 items-center gap-3 border-b border-zinc-200 px-4 dark:border-zinc-800">
      {readOnly ? (
        <h1 className="truncate text-[14px] font-semibold tracking-tight">{tree.title}</h1>
      ) : draft === null ? (
        <h1 className="-ml-1.5 flex min-w-0">
          <button
            type="button"
            onClick={() => setDraft(tree.title)}
            title="Rename"
            className={`max-w-full truncate rounded px-1.5 text-[14px] font-semibold tracking-tight hover:bg-zinc-100 dark:hover:bg-zinc-800 ${focusRing}`}
          >
            {(rename.isPending && rename.variables.fields.title) || tree.title}
          </button>
        </h1>
      ) : (
        <input
          aria-label="Tree title"
          autoFocus
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === "Enter") commit();
            if (event.key === "Escape") setDraft(null);
          }}
          className="h-7 w-72 rounded-md border border-indigo-400 bg-white px-2 text-[14px] font-semibold outline-none ring-3 ring-indigo-500/15 dark:bg-zinc-900"
        />
      )}
      {rename.error ? (
        <span role="alert" className="text-xs text-red-600 dark:text-red-400">
          Rename failed: {rename.error.message}
        </span>
      ) : null}
      <ViewSwitch />
      {readOnly ? <span className="ml-auto" /> : <TreeActions treeId={tree.id} index={index} />}
      {readOnly ? null : <ShareSlot treeId={tree.id} index={index} />}
      <ShortcutsButton />
      <button type="button" aria-expanded={drawerOpen} onClick={onToggleDrawer} className={`${linkClass} lg:hidden`}>
        Inspector
      </button>
      <span className="flex items-center gap-3 text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400">
        <span>
          {nodeCount} {nodeCount === 1 ? "node" : "nodes"}
        </span>
        <span aria-hidden="true" className="h-3.5 w-px bg-zinc-200 max-2xl:hidden dark:bg-zinc-800" />
        <span title="The tree's default provider and model" className="max-2xl:hidden">
          <span className="sr-only">Default model: </span>
          <span className="font-mono">
            {tree.providerId}/{tree.model}
          </span>
        </span>
      </span>
    </header>
  );
}

const VIEWS: { value: CentreView; label: string; hint: string }[] = [
  { value: "graph", label: "Graph", hint: "The whole tree as a graph" },
  { value: "thread", label: "Thread", hint: "The selected branch as a conversation (T)" },
  { value: "siblings", label: "Side by side", hint: "The selected node and its siblings side by side" },
];

/** Graph, thread or side by side: how the centre pane reads the tree. */
function ViewSwitch() {
  const view = useExplorer((s) => s.view);
  const setView = useExplorer((s) => s.setView);
  return (
    <div role="group" aria-label="View" className="ml-2 flex shrink-0 rounded-md bg-zinc-100 p-0.5 dark:bg-zinc-900">
      {VIEWS.map((v) => (
        <button
          key={v.value}
          type="button"
          aria-pressed={view === v.value}
          title={v.hint}
          onClick={() => setView(v.value)}
          className={`h-6 rounded px-2 text-[11.5px] font-medium whitespace-nowrap ${focusRing} ${
            view === v.value ? "bg-white text-zinc-900 shadow-xs dark:bg-zinc-800 dark:text-zinc-100" : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-200"
          }`}
        >
          {v.label}
        </button>
      ))}
    </div>
  );
}

function ShortcutsButton() {
  const setOpen = useExplorer((s) => s.setShortcutsOpen);
  return (
    <button type="button" onClick={() => setOpen(true)} className={linkClass} aria-keyshortcuts="?" title="Keyboard shortcuts (?)">
      <span aria-hidden="true">?</span>
      <span className="sr-only">Keyboard shortcuts</span>
    </button>
  );
}

const linkClass = `rounded px-1.5 py-0.5 text-xs whitespace-nowrap text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 ${focusRing}`;

const BRANCH_EXPORTS = [
  ["json", "Arbor JSON (imports back)"],
  ["markdown", "Markdown transcript"],
  ["typescript", "TypeScript script (openai SDK)"],
  ["python", "Python script (openai SDK)"],
] as const;

/** The Share button, for whoever may write in the tree's workspace. */
function ShareSlot({ treeId, index }: { treeId: string; index: TreeIndex }) {
  const canWrite = useCanWrite();
  const selectedId = useExplorer((s) => s.selectedId);
  if (!canWrite) return null;
  return <ShareButton treeId={treeId} selectedId={selectedId !== null && index.byId.has(selectedId) ? selectedId : null} />;
}

/** A sibling of the node to compare it with, or else its parent, or else any other node. */
function comparisonPartner(index: TreeIndex, id: string): string | null {
  const others = (ids: readonly string[]) => ids.filter((other) => other !== id);
  const parentId = index.byId.get(id)?.parentId ?? null;
  const siblings = others(parentId === null ? index.roots : (index.children.get(parentId) ?? []));
  return siblings[0] ?? parentId ?? others([...index.byId.keys()])[0] ?? null;
}

/**
 * Compare the selected node with a sibling (or its parent); download the whole tree, or the branch from the root to
 * the selected node, as Arbor JSON that imports back.
 */
function TreeActions({ treeId, index }: { treeId: string; index: TreeIndex }) {
  const selectedId = useExplorer((s) => s.selectedId);
  const selected = selectedId !== null && index.byId.has(selectedId) ? selectedId : null;
  const partner = selected ? comparisonPartner(index, selected) : null;
  return (
    <nav aria-label="Tree actions" className="ml-auto flex items-center gap-1">
      {selected && partner ? (
        <Link href={`/t/${treeId}/compare?a=${selected}&b=${partner}`} className={linkClass} title="Compare the selected node with another, side by side">
          Compare
        </Link>
      ) : null}
      <a href={exportUrl(treeId)} download className={linkClass}>
        Export tree
      </a>
      {selected ? (
        <details className="relative">
          <summary className={`${linkClass} cursor-pointer list-none`} title="The nodes from the root to the selected node">
            Export branch
          </summary>
          <ul className="absolute right-0 z-50 mt-1 w-52 rounded-md border border-zinc-200 bg-white p-1 text-xs shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
            {BRANCH_EXPORTS.map(([format, label]) => (
              <li key={format}>
                <a href={exportUrl(treeId, selected, format)} download className={`block rounded px-2 py-1.5 hover:bg-zinc-100 dark:hover:bg-zinc-800 ${focusRing}`}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </nav>
  );
}
