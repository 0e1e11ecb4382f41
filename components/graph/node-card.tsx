"use client";

import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo, type MouseEvent } from "react";
import { itemDefinition, toolCallTypes } from "@/lib/responses/items";
import { inputImages } from "@/lib/responses/input";
import { preview } from "@/lib/responses/summary";
import { matchesFilter } from "@/lib/tree/filter";
import { contextLabel, isRunning, totalTokens } from "@/lib/tree/node-status";
import type { ArborFlowNode } from "./flow";
import { hasPartialAnswer } from "@/lib/client/failures";
import { formatTokens, plainPreview } from "@/lib/client/format";
import { initialsOf } from "@/lib/client/people";
import { useNodeDetail, usePersonName } from "@/lib/client/queries";
import { ItemIcon } from "@/components/ui/item-icon";
import { RemoteImage } from "@/components/ui/remote-image";
import { Badge, StatusLabel } from "@/components/ui/status";
import { ChevronLeftIcon, ChevronRightIcon, NoteIcon, StarIcon } from "@/components/ui/icons";
import { CapturedBadge } from "@/components/ui/captured-badge";
import { useExplorer } from "@/lib/client/explorer-context";
import { useLiveText } from "@/lib/client/run-store";

/**
 * One node of the graph. Reads only its own data and its own live text, so a stream
 * re-renders this card alone and a selection change re-renders only the cards on the path.
 */
function NodeCardView({ id, data }: NodeProps<ArborFlowNode>) {
  const { summary, direction, onPath, selected, awaitingToolOutput, sibling, difference, childCount, hiddenCount, compactedFrom } = data;
  const liveText = useLiveText(id);
  // A boolean selector: a filter change re-renders only the cards whose match changes.
  const dimmed = useExplorer((s) => !matchesFilter(s.graphFilter, summary));
  const running = isRunning(summary);
  const answer = plainPreview(liveText !== undefined ? preview(liveText) : summary.outputPreview);
  const tokens = totalTokens(summary);
  const mode = contextLabel(summary);
  const tools = toolCallTypes(summary.itemTypes);
  const captured = summary.source === "proxy";
  const hasBadges = tools.length > 0 || summary.citationCount > 0 || awaitingToolOutput || captured;

  const frame = selected
    ? "border-indigo-500 ring-3 ring-indigo-500/20 dark:border-indigo-400 dark:ring-indigo-400/20"
    : onPath
      ? "border-indigo-300 dark:border-indigo-800"
      : "border-zinc-200 hover:border-zinc-300 dark:border-zinc-800 dark:hover:border-zinc-700";

  return (
    <div
      data-testid="graph-node"
      data-node-id={id}
      data-status={summary.status}
      data-selected={selected ? "true" : undefined}
      data-on-path={onPath ? "true" : undefined}
      data-dimmed={dimmed ? "true" : undefined}
      data-awaiting={awaitingToolOutput ? "true" : undefined}
      className={`flex h-full w-full flex-col rounded-lg border bg-white px-3 pt-2.5 pb-2 shadow-xs transition-[border-color,box-shadow,opacity] dark:bg-zinc-900 ${frame} ${dimmed ? "opacity-30" : ""}`}
    >
      <Handle
        type="target"
        position={direction === "LR" ? Position.Left : Position.Top}
        isConnectable={false}
        className="arbor-handle"
      />
      <FarCard summary={summary} difference={difference} tools={tools} hiddenCount={hiddenCount} />
      <div className="arbor-card-near flex min-w-0 items-center gap-1.5">
        {summary.starred ? (
          <span role="img" aria-label="Starred" className="shrink-0 text-amber-500">
            <StarIcon filled width={12} height={12} />
          </span>
        ) : null}
        {summary.label ? (
          <span data-testid="node-label" className="max-w-[45%] shrink-0 truncate rounded bg-indigo-50 px-1 text-[11px] leading-4 font-medium text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
            {summary.label}
          </span>
        ) : null}
        {summary.note ? (
          <span role="img" aria-label={`Note: ${summary.note}`} title={summary.note} className="shrink-0 text-zinc-400">
            <NoteIcon width={12} height={12} />
          </span>
        ) : null}
        {summary.inputImageCount > 0 ? <CardThumbnail id={id} count={summary.inputImageCount} /> : null}
        {compactedFrom ? (
          <CompactedFrom source={compactedFrom} />
        ) : (
          <p data-testid="node-input" className="arbor-card-text min-w-0 truncate text-[12.5px] leading-4 font-medium text-zinc-900 dark:text-zinc-100">
            {summary.inputPreview || <span className="text-zinc-400 italic">(no text input)</span>}
          </p>
        )}
      </div>
      <p
        data-testid="node-answer"
        className={`arbor-card-text arbor-card-near mt-1 ${hasBadges ? "line-clamp-1" : "line-clamp-2"} text-[12px] leading-[1.35] ${
          summary.status === "failed" && !answer ? "text-red-600 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"
        }`}
      >
        {summary.status === "failed" && !answer ? (
          (summary.error?.message ?? "The call failed")
        ) : compactedFrom && summary.status === "completed" ? (
          <span>Compacted context: a fork from here continues from it</span>
        ) : answer ? (
          <>
            {/* The text of a failed or stopped answer is what arrived before it broke off. */}
            {hasPartialAnswer(summary) ? <span className="font-medium text-amber-700 dark:text-amber-400">Partial · </span> : null}
            {answer}
          </>
        ) : (
          <span className="text-zinc-400 italic">{noAnswerText(running, tools)}</span>
        )}
      </p>
      {hasBadges ? (
        <CardBadges tools={tools} citations={summary.citationCount} awaiting={awaitingToolOutput} captured={captured ? (summary.clientName ?? "a client") : null} />
      ) : null}
      <div className="arbor-card-text arbor-card-near mt-auto flex items-center gap-1.5 text-[10.5px] leading-none">
        <StatusLabel status={summary.status} quiet className="shrink-0 font-medium" />
        <CreatorInitials treeId={summary.treeId} userId={summary.createdBy} />
        {difference ? (
          <span data-testid="node-difference" className="min-w-0 truncate font-medium text-indigo-700 dark:text-indigo-300" title={`${difference} (${summary.model})`}>
            {difference}
          </span>
        ) : (
          <span className="min-w-0 truncate font-mono text-zinc-500 dark:text-zinc-400">{summary.model}</span>
        )}
        <span className="ml-auto flex shrink-0 items-center gap-1">
          {sibling ? <SiblingSwitcher position={sibling} /> : null}
          {childCount > 0 ? <CollapseToggle id={id} hiddenCount={hiddenCount} /> : null}
          {/* Chain is the default way a turn reaches the model: only the exceptions get a badge. */}
          {mode.startsWith("replay") ? (
            <Badge tone={mode === "replay" ? "accent" : "warn"} title={`Context: ${mode}`}>
              {mode}
            </Badge>
          ) : null}
          {tokens !== null ? (
            <span className="font-mono text-zinc-500 tabular-nums dark:text-zinc-400" title={`${tokens} tokens`}>
              {formatTokens(tokens)} tok
            </span>
          ) : null}
        </span>
      </div>
      <Handle
        type="source"
        position={direction === "LR" ? Position.Right : Position.Bottom}
        isConnectable={false}
        className="arbor-handle"
      />
    </div>
  );
}

/** A compacted root's first line: where it came from; a click goes to that node (the inspector has the same, by keyboard). */
function CompactedFrom({ source }: { source: NonNullable<ArborFlowNode["data"]["compactedFrom"]> }) {
  const select = useExplorer((s) => s.select);
  const sourceId = source.id;
  return (
    <p data-testid="compacted-from" className="arbor-card-text flex min-w-0 items-center gap-1 text-[12.5px] leading-4 font-medium text-zinc-900 dark:text-zinc-100">
      <ItemIcon icon="compaction" width={12} height={12} className="shrink-0 text-indigo-600 dark:text-indigo-400" />
      {sourceId === null ? (
        <span className="min-w-0 truncate">{source.text}</span>
      ) : (
        <button
          type="button"
          tabIndex={-1}
          className="nodrag nopan min-w-0 truncate text-left hover:underline"
          title={`${source.text}: go to it`}
          onClick={(event) => {
            event.stopPropagation();
            select(sourceId);
          }}
        >
          {source.text}
        </button>
      )}
    </p>
  );
}

const cardButton = "nodrag nopan inline-flex h-4 min-w-4 items-center justify-center rounded text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 disabled:opacity-30 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100";

/** ‹ 2/3 ›: step to the previous or next sibling (the graph's arrow keys do the same; these are for the mouse). */
function SiblingSwitcher({ position }: { position: NonNullable<ArborFlowNode["data"]["sibling"]> }) {
  const select = useExplorer((s) => s.select);
  const go = (id: string | null) => (event: MouseEvent) => {
    event.stopPropagation();
    if (id !== null) select(id);
  };
  return (
    <span data-testid="sibling-switcher" className="flex items-center font-mono text-zinc-500 tabular-nums dark:text-zinc-400">
      <button type="button" tabIndex={-1} className={cardButton} aria-label="Previous sibling" disabled={position.previous === null} onClick={go(position.previous)}>
        <ChevronLeftIcon width={10} height={10} />
      </button>
      <span aria-label={`Sibling ${position.position} of ${position.count}`}>
        {position.position}/{position.count}
      </span>
      <button type="button" tabIndex={-1} className={cardButton} aria-label="Next sibling" disabled={position.next === null} onClick={go(position.next)}>
        <ChevronRightIcon width={10} height={10} />
      </button>
    </span>
  );
}

/** Who made the node, as initials (nothing on a laptop without sign-in, where everything is the one owner's). */
function CreatorInitials({ treeId, userId }: { treeId: string; userId: string | null }) {
  const name = usePersonName(treeId, userId);
  if (!name) return null;
  return (
    <span
      data-testid="node-creator"
      title={`Made by ${name}`}
      className="inline-flex size-4 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-[8.5px] font-semibold text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300"
    >
      <span aria-hidden="true">{initialsOf(name)}</span>
      <span className="sr-only">Made by {name}</span>
    </span>
  );
}

/** Fold a subtree away (the card then says how many nodes it hides) or show it again. */
function CollapseToggle({ id, hiddenCount }: { id: string; hiddenCount: number }) {
  const toggle = useExplorer((s) => s.toggleCollapsed);
  return (
    <button
      type="button"
      tabIndex={-1}
      data-testid="collapse-toggle"
      className={`${cardButton} px-0.5 ${hiddenCount > 0 ? "font-medium text-indigo-700 dark:text-indigo-300" : ""}`}
      aria-label={hiddenCount > 0 ? `Expand: show ${hiddenCount} hidden nodes` : "Collapse this subtree"}
      aria-expanded={hiddenCount === 0}
      onClick={(event) => {
        event.stopPropagation();
        toggle(id);
      }}
    >
      {hiddenCount > 0 ? `+${hiddenCount}` : "−"}
    </button>
  );
}

/**
 * What a card shows when the graph is zoomed out (level of detail): its label or question in large type, how it
 * differs from its siblings and its tool badges. CSS shows it instead of the detailed card below a zoom level.
 */
function FarCard({ summary, difference, tools, hiddenCount }: { summary: ArborFlowNode["data"]["summary"]; difference: string | null; tools: readonly string[]; hiddenCount: number }) {
  return (
    <div className="arbor-card-far arbor-card-text hidden min-w-0 flex-col gap-1" aria-hidden="true">
      <p data-testid="node-far-title" className="line-clamp-2 text-[26px] leading-[1.15] font-semibold text-zinc-900 dark:text-zinc-100">
        {summary.starred ? "★ " : ""}
        {summary.label ?? (summary.inputPreview || "(no text input)")}
      </p>
      <p className="truncate text-[19px] leading-tight font-medium text-indigo-700 dark:text-indigo-300">
        {[difference, ...tools.map((type) => itemDefinition(type).badge), hiddenCount > 0 ? `+${hiddenCount} hidden` : null].filter(Boolean).join(" · ")}
      </p>
    </div>
  );
}

/** What a card says when its answer has no text (yet). */
function noAnswerText(running: boolean, tools: readonly string[]): string {
  if (running) return "Waiting for the first token…";
  if (tools.length > 0) return `Tool calls only: ${tools.map((type) => itemDefinition(type).label).join(", ")}`;
  return "No text in the answer";
}

/** Tool-call kinds and the citation count, one small badge each. */
function CardBadges({ tools, citations, awaiting, captured }: { tools: readonly string[]; citations: number; awaiting: boolean; captured: string | null }) {
  return (
    <div data-testid="node-badges" className="arbor-card-text arbor-card-near mt-1.5 flex min-w-0 items-center gap-1 overflow-hidden">
      {captured !== null ? <CapturedBadge clientName={captured} /> : null}
      {awaiting ? (
        <Badge tone="warn" title="The answer called functions: continue from it with their output">
          awaiting tool output
        </Badge>
      ) : null}
      {tools.map((type) => {
        const definition = itemDefinition(type);
        return (
          <Badge key={type} tone="accent" title={`Tool call: ${definition.label}`}>
            <ItemIcon icon={definition.icon} width={10} height={10} className="mr-0.5" />
            {definition.badge}
          </Badge>
        );
      })}
      {citations > 0 ? (
        <Badge title={`${citations} ${citations === 1 ? "citation" : "citations"}`}>
          <span data-testid="citation-count">{citations}</span>&nbsp;{citations === 1 ? "cite" : "cites"}
        </Badge>
      ) : null}
    </div>
  );
}

/** The first input image, small (the card loads its node only when it has images). */
function CardThumbnail({ id, count }: { id: string; count: number }) {
  const detail = useNodeDetail(id);
  const src = detail.data ? inputImages(detail.data.input)[0] : undefined;
  return (
    <span className="arbor-card-text relative size-6 shrink-0 overflow-hidden rounded border border-zinc-200 bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-800" title={`${count} ${count === 1 ? "image" : "images"}`}>
      {src ? <RemoteImage compact src={src} alt="" data-testid="node-thumbnail" className="size-full object-cover" /> : null}
    </span>
  );
}

export const NodeCard = memo(NodeCardView);
