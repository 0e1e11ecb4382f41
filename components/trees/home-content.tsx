"use client";

import Link from "next/link";
import { formatRelative } from "@/lib/client/format";
import { useRouter } from "next/navigation";
import { useCreateExampleTree } from "@/lib/client/mutations";
import { useTrees } from "@/lib/client/queries";
import { Button, focusRing } from "@/components/ui/button";
import { EmptyState, ErrorBanner, Skeleton } from "@/components/ui/feedback";
import { BranchIcon, PlusIcon } from "@/components/ui/icons";
import { LinkPending } from "@/components/ui/link-pending";
import { CapturedBadge } from "@/components/ui/captured-badge";
import { RecordClientButton } from "@/components/proxy/record-client-dialog";

/** The landing view: an invitation to create the first tree, or the trees to pick from. */
export function HomeContent() {
  const trees = useTrees();
  const router = useRouter();
  const createExample = useCreateExampleTree();

  const newTreeButton = (
    <div className="flex gap-2">
      <Button onClick={() => createExample.mutate()} disabled={createExample.isPending} title="A tree that walks through the API with the offline models">
        {createExample.isPending ? "Building the example…" : "Example tree"}
      </Button>
      <RecordClientButton variant="secondary" />
      {/* The tree is saved with its first message, on the page this opens. */}
      <Button variant="primary" onClick={() => router.push("/t/new")}>
        <PlusIcon />
        New tree
      </Button>
    </div>
  );

  return (
    <div className="mx-auto flex h-full max-w-3xl flex-col px-8 py-10">
      {createExample.error ? (
        <div className="mb-6">
          <ErrorBanner title="Could not build the example tree" message={createExample.error.message} />
        </div>
      ) : null}
      {trees.isPending ? (
        <div aria-busy="true" aria-label="Loading trees" className="space-y-3">
          <Skeleton className="h-7 w-40" />
          <Skeleton className="h-14" />
          <Skeleton className="h-14" />
          <Skeleton className="h-14" />
        </div>
      ) : trees.isError ? (
        <ErrorBanner
          title="Could not load your trees"
          message={trees.error.message}
          action={
            <Button size="sm" onClick={() => void trees.refetch()}>
              Retry
            </Button>
          }
        />
      ) : trees.data.length === 0 ? (
        <div className="flex flex-1 items-center justify-center pb-24">
          <EmptyState icon={<BranchIcon width={20} height={20} />} title="Start your first tree" action={newTreeButton}>
            A tree is a conversation you can fork at any turn. Every node is one Responses API call; every edge is its{" "}
            <code className="font-mono text-[12px] text-zinc-700 dark:text-zinc-300">previous_response_id</code>. It works
            offline out of the box.
          </EmptyState>
        </div>
      ) : (
        <>
          <div className="mb-5 flex items-end justify-between">
            <div>
              <h1 className="text-lg font-semibold tracking-tight">Trees</h1>
              <p className="mt-0.5 text-[13px] text-zinc-500 dark:text-zinc-400">Pick a conversation graph to explore, or start a new one.</p>
            </div>
            {newTreeButton}
          </div>
          <ul className="divide-y divide-zinc-200 overflow-hidden rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900/50">
            {trees.data.map((tree) => (
              <li key={tree.id}>
                <Link
                  href={`/t/${tree.id}`}
                  className={`flex items-center gap-4 px-4 py-3 transition-colors hover:bg-zinc-50 dark:hover:bg-zinc-800/50 ${focusRing}`}
                >
                  <BranchIcon className="shrink-0 text-zinc-400" />
                  <span className="min-w-0 flex-1">
                    <span className="flex min-w-0 items-center gap-2">
                      <span className="truncate text-[13px] font-medium">{tree.title}</span>
                      {tree.source === "proxy" ? <CapturedBadge clientName={tree.clientName} /> : null}
                    </span>
                    <span className="block truncate font-mono text-[11px] text-zinc-500">
                      {tree.providerId} / {tree.model}
                      <LinkPending />
                    </span>
                  </span>
                  <span className="shrink-0 text-xs text-zinc-500 tabular-nums">
                    {tree.nodeCount} {tree.nodeCount === 1 ? "node" : "nodes"}
                  </span>
                  <span className="w-24 shrink-0 text-right text-xs text-zinc-500">{formatRelative(tree.updatedAt)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
