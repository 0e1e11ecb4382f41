"use client";

import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { useState } from "react";
import type { TreeListItem } from "@/lib/contracts/trees";
import { formatRelative } from "@/lib/client/format";
import { useDeleteTree } from "@/lib/client/mutations";
import { useTrees } from "@/lib/client/queries";
import { Button, IconButton, focusRing } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/feedback";
import { BranchIcon, PlusIcon, SidebarIcon, TrashIcon } from "@/components/ui/icons";
import { LinkPending } from "@/components/ui/link-pending";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { ImportButton } from "./import-dialog";
import { TreeSearch } from "./tree-search";
import { RecordClientButton } from "@/components/proxy/record-client-dialog";
import { CapturedBadge } from "@/components/ui/captured-badge";

/** The left pane: every tree, a "New tree" button, the theme toggle; collapses to a rail. */
export function TreeSidebar() {
  const [collapsed, setCollapsed] = useState(false);
  const router = useRouter();
  // A new tree is saved with its first message (the page at /t/new), so a click alone leaves nothing behind.
  const newTree = () => router.push("/t/new");

  if (collapsed) {
    return (
      <aside aria-label="Trees" className="flex w-12 shrink-0 flex-col items-center gap-1 border-r border-zinc-200 bg-zinc-50 py-2.5 dark:border-zinc-800 dark:bg-zinc-900/40">
        <IconButton label="Expand tree list" onClick={() => setCollapsed(false)}>
          <SidebarIcon />
        </IconButton>
        <IconButton label="New tree" onClick={newTree}>
          <PlusIcon />
        </IconButton>
        <div className="mt-auto">
          <ThemeToggle />
        </div>
      </aside>
    );
  }

  return (
    <aside aria-label="Trees" className="flex w-56 shrink-0 flex-col border-r border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900/40">
      <div className="flex h-12 items-center justify-between border-b border-zinc-200 px-3 dark:border-zinc-800">
        <Link href="/" className={`flex items-center gap-2 rounded-md text-[13px] font-semibold tracking-tight ${focusRing}`}>
          <span className="flex size-6 items-center justify-center rounded-md bg-indigo-600 text-white dark:bg-indigo-500">
            <BranchIcon width={14} height={14} />
          </span>
          Arbor
        </Link>
        <IconButton label="Collapse tree list" onClick={() => setCollapsed(true)}>
          <SidebarIcon />
        </IconButton>
      </div>
      <div className="p-2.5">
        <div className="flex gap-1.5">
          <Button variant="secondary" className="flex-1" onClick={newTree}>
            <PlusIcon />
            New tree
          </Button>
          <ImportButton />
        </div>
        <RecordClientButton className="mt-1 w-full justify-start" />
      </div>
      <TreeSearch>
        <TreeList />
      </TreeSearch>
      <div className="flex items-center justify-between border-t border-zinc-200 px-3 py-2 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
        <span>Theme</span>
        <ThemeToggle />
      </div>
    </aside>
  );
}

function TreeList() {
  const trees = useTrees();
  const params = useParams<{ treeId?: string }>();

  if (trees.isPending) {
    return (
      <div className="flex-1 space-y-2 px-3 py-1" aria-busy="true" aria-label="Loading trees">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-9" />
        ))}
      </div>
    );
  }
  if (trees.isError) {
    return (
      <div role="alert" className="flex-1 px-3 py-1 text-xs text-red-600 dark:text-red-400">
        Could not load trees: {trees.error.message}{" "}
        <button type="button" className={`underline ${focusRing}`} onClick={() => void trees.refetch()}>
          Retry
        </button>
      </div>
    );
  }
  if (trees.data.length === 0) {
    return <p className="flex-1 px-4 py-1 text-xs text-zinc-500 dark:text-zinc-400">No trees yet.</p>;
  }
  return (
    <nav aria-label="Tree list" className="min-h-0 flex-1 overflow-y-auto px-1.5 pb-2">
      {groupByDay(trees.data).map(([day, group]) => (
        <section key={day} aria-label={day} className="mb-2">
          <h3 className="px-2.5 pt-1 pb-0.5 text-[10.5px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{day}</h3>
          <ul className="space-y-0.5">
            {group.map((tree) => (
              <TreeListRow key={tree.id} tree={tree} active={tree.id === params.treeId} />
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}

/** Trees by the day they were last used ("Today", "Yesterday", then dates), most recent first. */
function groupByDay(trees: readonly TreeListItem[], now = new Date()): [string, TreeListItem[]][] {
  const dayOf = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  const today = dayOf(now);
  const groups = new Map<string, TreeListItem[]>();
  for (const tree of trees) {
    const updated = new Date(tree.updatedAt);
    const days = Math.round((today - dayOf(updated)) / 86_400_000);
    const label = days <= 0 ? "Today" : days === 1 ? "Yesterday" : updated.toLocaleDateString(undefined, { weekday: days < 7 ? "long" : undefined, day: "numeric", month: "short" });
    const group = groups.get(label);
    if (group) group.push(tree);
    else groups.set(label, [tree]);
  }
  return [...groups];
}

function TreeListRow({ tree, active }: { tree: TreeListItem; active: boolean }) {
  const router = useRouter();
  const remove = useDeleteTree(() => {
    if (active) router.push("/");
  });

  return (
    <li className="group relative">
      <Link
        // Opening the page reads the tree; the list does not read every tree ahead of time.
        prefetch={false}
        href={`/t/${tree.id}`}
        aria-current={active ? "page" : undefined}
        className={`block rounded-md px-2.5 py-1.5 pr-8 transition-colors ${focusRing} ${
          active
            ? "bg-white text-zinc-900 shadow-xs ring-1 ring-zinc-200 dark:bg-zinc-800/80 dark:text-zinc-50 dark:ring-zinc-700"
            : "text-zinc-700 hover:bg-zinc-200/50 dark:text-zinc-300 dark:hover:bg-zinc-800/50"
        }`}
      >
        <span className="line-clamp-2 text-[13px] leading-[1.3] font-medium">{tree.title}</span>
        {tree.source === "proxy" ? (
          <span className="mt-0.5 block">
            <CapturedBadge clientName={tree.clientName} />
          </span>
        ) : null}
        <span className="block truncate text-[11px] text-zinc-500 dark:text-zinc-500">
          {tree.nodeCount} {tree.nodeCount === 1 ? "node" : "nodes"} · {formatRelative(tree.updatedAt)}
          <LinkPending />
        </span>
      </Link>
      <IconButton
        label={`Delete tree ${tree.title}`}
        className="absolute top-1.5 right-1 opacity-0 group-focus-within:opacity-100 group-hover:opacity-100"
        disabled={remove.isPending}
        onClick={() => {
          if (window.confirm(`Delete "${tree.title}" and all its nodes? This cannot be undone.`)) remove.mutate(tree.id);
        }}
      >
        <TrashIcon />
      </IconButton>
      {remove.error ? (
        <p role="alert" className="px-2.5 pb-1 text-[11px] text-red-600 dark:text-red-400">
          Could not delete: {remove.error.message}
        </p>
      ) : null}
    </li>
  );
}
