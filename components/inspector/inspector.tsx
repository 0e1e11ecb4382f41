"use client";

import { useMemo } from "react";
import { toolCallTypes } from "@/lib/responses/items";
import { isRunning } from "@/lib/tree/node-status";
import { subtreeIds, type TreeIndex } from "@/lib/tree/tree-index";
import type { NodeSummary } from "@/lib/contracts/nodes";
import { useExplorer } from "@/lib/client/explorer-context";
import { tabFor, type NodeKind } from "@/lib/client/explorer-store";
import { eventsBeforeEnd, hasPartialAnswer, partialAnswerNote } from "@/lib/client/failures";
import { INSPECTOR_PANEL_ID } from "@/lib/client/focus";
import { useCancelNode, useCompactNode, useDeleteNode } from "@/lib/client/mutations";
import { useNodeDetail, useNodeEvents } from "@/lib/client/queries";
import { useLiveRun, useStreamingNodeId } from "@/lib/client/run-store";
import { useCreateNode } from "@/lib/client/use-create-node";
import { Button, IconButton } from "@/components/ui/button";
import { ItemIcon } from "@/components/ui/item-icon";
import { EmptyState, ErrorBanner } from "@/components/ui/feedback";
import { BranchIcon, TrashIcon } from "@/components/ui/icons";
import { StatusLabel } from "@/components/ui/status";
import { CopyIconButton } from "@/components/ui/copy-button";
import { AnswerPanel } from "./answer-panel";
import { NodeNotes } from "./node-notes";
import { CopyAsCode } from "./copy-as-code";
import { EventsPanel } from "./events-panel";
import { JsonPanel } from "./json-panel";
import { TabBar } from "./tab-bar";
import { ToolsPanel } from "./tools/tools-panel";
import { UsagePanel } from "./usage-panel";

const NO_CHILDREN: readonly string[] = [];
const NO_TOOLS: readonly unknown[] = [];

/** Which remembered tab a node opens on: a failed call, a turn with tool calls, or a plain message. */
function nodeKind(summary: NodeSummary): NodeKind {
  if (summary.status === "failed") return "failed";
  return toolCallTypes(summary.itemTypes).length > 0 ? "tools" : "message";
}

/** The right pane: everything about the selected node, in tabs. */
export function Inspector({ treeId, index }: { treeId: string; index: TreeIndex }) {
  const selectedId = useExplorer((s) => s.selectedId);
  const selected = selectedId === null ? undefined : index.byId.get(selectedId);

  return (
    <aside aria-label="Inspector" className="flex w-full min-w-0 flex-col border-l border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      {selected ? (
        <NodeInspector key={selected.id} treeId={treeId} summary={selected} index={index} />
      ) : (
        <div className="flex flex-1 items-center justify-center">
          <EmptyState icon={<BranchIcon width={18} height={18} />} title="No node selected">
            {index.byId.size === 0
              ? "Send a first message below; its answer will show here."
              : "Click a node in the graph, or focus the graph and use the arrow keys."}
          </EmptyState>
        </div>
      )}
    </aside>
  );
}

function NodeInspector({ treeId, summary, index }: { treeId: string; summary: NodeSummary; index: TreeIndex }) {
  const kind = nodeKind(summary);
  const tab = useExplorer((s) => tabFor(s, kind));
  const setTab = useExplorer((s) => s.setTab);
  const select = useExplorer((s) => s.select);
  const live = useLiveRun(summary.id);
  const detail = useNodeDetail(summary.id);
  const running = isRunning(summary);
  const partial = !live && hasPartialAnswer(summary);
  // The Answer tab reads the events too when the answer broke off, to say after how many.
  const events = useNodeEvents(summary.id, running, tab === "events" || tab === "tools" || (tab === "answer" && partial));
  const output = useMemo(() => {
    if (live) return live.state.output;
    const items = detail.data?.response?.output;
    return detail.data ? (Array.isArray(items) ? items : []) : undefined;
  }, [live, detail.data]);
  const remove = useDeleteNode(treeId);
  // Retry = the node asked again as a sibling (same input, tools and parameters); the failed node stays.
  const retry = useCreateNode(treeId);
  const stop = useCancelNode();
  const compact = useCompactNode(treeId);
  const streamingHere = useStreamingNodeId(treeId) !== null;
  const actionError = remove.error ?? retry.error ?? stop.error ?? compact.error;
  // A finished answer can be compacted; a failed or stopped one has no context worth carrying on.
  const compactable = summary.status === "completed" || summary.status === "incomplete";

  const descendants = subtreeIds(index, summary.id).length - 1;
  const responseId = summary.responseId ?? (typeof detail.data?.response?.id === "string" ? detail.data.response.id : null);
  // A compacted root holds what /responses/compact answered: its id names no response anything can chain to.
  const idKind = summary.compactedFrom ? "Compaction" : "Response";
  // These panels scroll their own content under a fixed toolbar (event list, JSON tree).
  const ownScroll = tab === "events" || tab === "request" || tab === "response";
  const request = detail.data?.request;
  const offeredTools = useMemo(() => {
    const echoed = detail.data?.response?.tools;
    const sent = detail.data?.request?.tools;
    return Array.isArray(echoed) && echoed.length > 0 ? echoed : Array.isArray(sent) ? sent : NO_TOOLS;
  }, [detail.data]);

  return (
    <>
      <header className="border-b border-zinc-200 px-4 pt-3 dark:border-zinc-800">
        <div className="flex items-center gap-2 text-xs">
          <StatusLabel status={summary.status} className="font-medium" />
          <span className="truncate font-mono text-zinc-500 dark:text-zinc-400">
            {summary.providerId}/{summary.model}
          </span>
          {compactable ? (
            <Button
              size="sm"
              variant="ghost"
              className="ml-auto"
              aria-label="Compact from this node"
              title="Compact this branch with the provider's /responses/compact into a new root of this tree, to continue it in fewer tokens"
              disabled={compact.isPending}
              onClick={() => compact.mutate(summary.id, { onSuccess: (root) => select(root.id) })}
            >
              <ItemIcon icon="compaction" width={13} height={13} />
              {compact.isPending ? "Compacting…" : "Compact"}
            </Button>
          ) : null}
          <IconButton
            className={compactable ? "" : "ml-auto"}
            label={descendants > 0 ? `Delete this node and its ${descendants} descendants` : "Delete this node"}
            disabled={remove.isPending}
            onClick={() => {
              const what = descendants > 0 ? `this node and its ${descendants} descendants` : "this node";
              if (window.confirm(`Delete ${what}? This cannot be undone.`)) remove.mutate(summary.id, { onSuccess: () => select(summary.parentId) });
            }}
          >
            <TrashIcon />
          </IconButton>
        </div>
        <p className="mt-1 flex min-w-0 items-center gap-1 font-mono text-[11px] whitespace-nowrap text-zinc-500 dark:text-zinc-400">
          <span title="Node id" className="truncate select-all">{summary.id}</span>
          <CopyIconButton text={summary.id} label="Copy node id" />
          {responseId ? (
            <>
              <span aria-hidden="true">·</span>
              <span title={`${idKind} id`} className="truncate select-all">{responseId}</span>
              <CopyIconButton text={responseId} label={`Copy ${idKind.toLowerCase()} id`} />
            </>
          ) : null}
        </p>
        <NodeNotes summary={summary} />
        <TabBar tab={tab} onChange={(picked) => setTab(picked, kind)} />
      </header>
      <div
        role="tabpanel"
        id={INSPECTOR_PANEL_ID}
        aria-labelledby={`inspector-tab-${tab}`}
        tabIndex={0}
        className={`min-h-0 flex-1 outline-none focus-visible:ring-2 focus-visible:ring-indigo-500/50 focus-visible:ring-inset ${
          ownScroll ? "flex flex-col pt-4" : "overflow-y-auto px-4 py-4"
        }`}
      >
        {actionError ? (
          <div className={ownScroll ? "mb-4 px-4" : "mb-4"}>
            <ErrorBanner
              title={
                actionError === remove.error ? "Could not delete" : actionError === retry.error ? "Could not retry" : actionError === compact.error ? "Could not compact" : "Could not stop"
              }
              message={actionError.message}
            />
          </div>
        ) : null}
        {tab === "answer" ? (
          <AnswerPanel
            summary={summary}
            detail={detail.data}
            detailError={detail.error}
            liveText={live?.text}
            liveOutput={live?.state.output}
            index={index}
            partialNote={partial ? partialAnswerNote(summary, events.data ? eventsBeforeEnd(events.data) : undefined) : null}
            busy={streamingHere || retry.isPending}
            onRetry={() => retry.mutate({ repeat: summary.id })}
            onStop={() => stop.mutate(summary.id)}
          />
        ) : tab === "tools" ? (
          <ToolsPanel
            output={output}
            events={events.data}
            error={detail.error}
            running={running}
            childIds={index.children.get(summary.id) ?? NO_CHILDREN}
            node={{ id: summary.id, treeId, request: detail.data?.request }}
            tools={offeredTools}
          />
        ) : tab === "events" ? (
          <EventsPanel events={events.data} error={events.error} running={running} onRetry={() => void events.refetch()} />
        ) : tab === "usage" ? (
          <UsagePanel summary={summary} index={index} />
        ) : tab === "request" ? (
          <JsonPanel
            value={request}
            label="request"
            copyLabel="Copy request"
            empty={live ? "The request is shown once the node is saved in full." : detail.isPending ? "Loading…" : "No request was sent."}
            header={<p className="text-xs text-zinc-500 dark:text-zinc-400">The exact JSON body sent to the provider (no API key).</p>}
            actions={request ? <CopyAsCode body={request} providerId={summary.providerId} /> : null}
          />
        ) : (
          <JsonPanel
            value={live ? live.state.response : detail.data?.response}
            label="response"
            copyLabel="Copy response"
            empty={detail.isPending && !live ? "Loading…" : "No response yet."}
            header={
              <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                {responseId ? (
                  <>
                    {idKind} <span className="font-mono text-zinc-800 select-all dark:text-zinc-200">{responseId}</span>
                  </>
                ) : (
                  "The Response object as the provider returned it."
                )}
                {live ? " (partial, streaming)" : ""}
              </p>
            }
          />
        )}
      </div>
    </>
  );
}
