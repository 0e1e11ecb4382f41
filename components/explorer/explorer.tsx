"use client";

import { ReactFlowProvider } from "@xyflow/react";
import { useMemo, useState } from "react";
import { ArborError } from "@/lib/contracts/errors";
import { createTreeIndexer, type TreeIndex } from "@/lib/tree/tree-index";
import type { NodeSummary } from "@/lib/contracts/nodes";
import type { Tree } from "@/lib/contracts/trees";
import { useCanWrite, useMe, useTree } from "@/lib/client/queries";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorBanner } from "@/components/ui/feedback";
import { BranchIcon } from "@/components/ui/icons";
import { Composer } from "@/components/composer/composer";
import { GraphCanvas } from "@/components/graph/graph-canvas";
import { Inspector } from "@/components/inspector/inspector";
import { SiblingsView } from "@/components/thread/siblings-view";
import { ThreadView } from "@/components/thread/thread-view";
import { ContinueAsCopy } from "@/components/team/continue-as-copy";
import { ExplorerHeader } from "./explorer-header";
import { InspectorFrame } from "./inspector-frame";
import { ExplorerShortcuts } from "./shortcuts";
import { ExplorerSkeleton, TreeNotFound } from "./explorer-states";
import { ExplorerStoreProvider, useExplorer } from "@/lib/client/explorer-context";
import { useHydrated } from "@/lib/client/use-hydrated";

/** The explorer of one tree: graph and composer in the centre, inspector on the right. */
export function Explorer({ treeId, initialNodeId, readOnlyLink = null }: { treeId: string; initialNodeId: string | null; readOnlyLink?: string | null }) {
  return (
    <ExplorerStoreProvider initialSelectedId={initialNodeId}>
      <ReactFlowProvider>
        <ExplorerView treeId={treeId} readOnlyLink={readOnlyLink} />
      </ReactFlowProvider>
    </ExplorerStoreProvider>
  );
}

function ExplorerView({ treeId, readOnlyLink }: { treeId: string; readOnlyLink: string | null }) {
  // The page hands over the tree it read on the server; only when it could not is it loaded (and skeletoned) here.
  const query = useTree(treeId);

  if (query.isPending) return <ExplorerSkeleton />;
  if (query.isError) {
    if (query.error instanceof ArborError && query.error.code === "not_found") return <TreeNotFound treeId={treeId} />;
    return (
      <div className="p-6">
        <ErrorBanner
          title="Could not load this tree"
          message={query.error.message}
          code={query.error instanceof ArborError ? query.error.code : undefined}
          action={
            <Button size="sm" onClick={() => void query.refetch()}>
              Retry
            </Button>
          }
        />
      </div>
    );
  }
  return <ExplorerPanes tree={query.data.tree} nodes={query.data.nodes} readOnlyLink={readOnlyLink} />;
}

function ExplorerPanes({ tree, nodes, readOnlyLink }: { tree: Tree; nodes: NodeSummary[]; readOnlyLink: string | null }) {
  // Each index is worked out from the last (`reindexTree`): a node ending in a big tree is cheap.
  const [indexer] = useState(createTreeIndexer);
  const index = useMemo(() => indexer(nodes), [indexer, nodes]);
  // The panes are rendered on the server and shown before their script runs: say when they answer to keys and clicks.
  const hydrated = useHydrated();
  const view = useExplorer((s) => s.view);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const canWrite = useCanWrite();

  return (
    <div className="flex h-full flex-col" data-testid="explorer" data-hydrated={hydrated ? "true" : undefined}>
      <ExplorerHeader
        tree={tree}
        index={index}
        drawerOpen={drawerOpen}
        onToggleDrawer={() => setDrawerOpen((open) => !open)}
        readOnly={readOnlyLink !== null}
      />
      <div className="flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="relative min-h-0 flex-1">
            {nodes.length > 0 && view === "thread" ? (
              <ThreadView index={index} />
            ) : nodes.length > 0 && view === "siblings" ? (
              <SiblingsView index={index} />
            ) : nodes.length === 0 ? (
              <div className="flex h-full items-center justify-center bg-zinc-50 dark:bg-zinc-950" data-testid="empty-tree">
                <EmptyState icon={<BranchIcon width={20} height={20} />} title="Type a message to start">
                  Your first message becomes the root of this tree. Every answer can then be continued, edited or regenerated,
                  and each choice grows a new branch.
                </EmptyState>
              </div>
            ) : (
              <GraphCanvas nodes={nodes} index={index} />
            )}
            <StaleSelectionNotice index={index} />
          </div>
          {readOnlyLink !== null ? <ContinueAsCopy token={readOnlyLink} /> : canWrite ? <Composer tree={tree} index={index} /> : <ReadOnlyNotice />}
        </div>
        <InspectorFrame drawerOpen={drawerOpen} onCloseDrawer={() => setDrawerOpen(false)}>
          <Inspector treeId={tree.id} index={index} />
        </InspectorFrame>
      </div>
      <ExplorerShortcuts index={index} />
    </div>
  );
}

/** In place of the composer for someone who may only read: what they can do instead. */
function ReadOnlyNotice() {
  const me = useMe();
  if (me.isPending) return <div className="h-14 shrink-0 border-t border-zinc-200 dark:border-zinc-800" aria-hidden="true" />;
  return (
    <div data-testid="read-only-notice" className="shrink-0 border-t border-zinc-200 px-4 py-3 text-[13px] text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
      You can read this tree. Viewers cannot add or fork nodes; ask a workspace owner for the member role.
    </div>
  );
}

/** A link (`?node=`) to a node this tree does not have (deleted, or from another tree): say so rather than nothing. */
function StaleSelectionNotice({ index }: { index: TreeIndex }) {
  const selectedId = useExplorer((s) => s.selectedId);
  const select = useExplorer((s) => s.select);
  if (selectedId === null || index.byId.has(selectedId)) return null;
  return (
    <div className="absolute bottom-3 left-3 z-10 max-w-md">
      <ErrorBanner
        title="This node is not in the tree"
        code={selectedId}
        message="The link may point to a deleted node or to another tree. Pick a node in the graph."
        action={
          <Button size="sm" onClick={() => select(null)}>
            Dismiss
          </Button>
        }
      />
    </div>
  );
}
