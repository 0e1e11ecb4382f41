import Link from "next/link";
import { Skeleton } from "@/components/ui/feedback";
import { BranchIcon } from "@/components/ui/icons";

/** The explorer's shape, greyed, while the tree loads. */
export function ExplorerSkeleton() {
  return (
    <div className="flex h-full flex-col" aria-busy="true" aria-label="Loading tree">
      <div className="flex h-12 items-center border-b border-zinc-200 px-4 dark:border-zinc-800">
        <Skeleton className="h-4 w-48" />
      </div>
      <div className="flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="flex flex-1 items-center justify-center gap-16 bg-zinc-50 dark:bg-zinc-950">
            <Skeleton className="h-[100px] w-[248px]" />
            <div className="space-y-8">
              <Skeleton className="h-[100px] w-[248px]" />
              <Skeleton className="h-[100px] w-[248px]" />
            </div>
          </div>
          <div className="border-t border-zinc-200 p-4 dark:border-zinc-800">
            <Skeleton className="h-24" />
          </div>
        </div>
        <div className="w-[380px] space-y-3 border-l border-zinc-200 p-4 2xl:w-[440px] dark:border-zinc-800">
          <Skeleton className="h-4 w-32" />
          <Skeleton className="h-8" />
          <Skeleton className="h-20" />
          <Skeleton className="h-40" />
        </div>
      </div>
    </div>
  );
}

/** A tree id that does not exist (deleted, or a mistyped link). */
export function TreeNotFound({ treeId }: { treeId: string }) {
  return (
    <div className="flex h-full flex-col items-center justify-center px-6 text-center">
      <div className="mb-4 flex size-10 items-center justify-center rounded-xl border border-zinc-200 bg-white text-zinc-400 shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
        <BranchIcon width={18} height={18} />
      </div>
      <p className="font-mono text-xs text-zinc-500">404 · {treeId}</p>
      <h1 id="tree-not-found" className="mt-1 text-[15px] font-semibold">
        This tree does not exist
      </h1>
      <p className="mt-1.5 max-w-sm text-[13px] text-zinc-500 dark:text-zinc-400">
        It may have been deleted, or the link is mistyped. Your other trees are in the list on the left.
      </p>
      <Link
        href="/"
        className="mt-5 inline-flex h-8 items-center rounded-md border border-zinc-200 bg-white px-3 text-[13px] font-medium shadow-xs hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-indigo-500/70 focus-visible:outline-none dark:border-zinc-800 dark:bg-zinc-900 dark:hover:bg-zinc-800"
      >
        Back to all trees
      </Link>
    </div>
  );
}
