"use client";

import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { preview } from "@/lib/responses/summary";
import { contextLabel, isRunning, totalTokens, type ArborFlowNode } from "@/lib/tree/graph";
import { formatTokens, plainPreview } from "@/lib/ui/format";
import { Badge, StatusLabel } from "@/components/ui/status";
import { useExplorer } from "@/components/explorer/store-context";

/**
 * One node of the graph. Reads only its own data and its own live text, so a stream
 * re-renders this card alone and a selection change re-renders only the cards on the path.
 */
function NodeCardView({ id, data }: NodeProps<ArborFlowNode>) {
  const { summary, direction, onPath, selected } = data;
  const liveText = useExplorer((s) => s.live[id]?.text);
  const running = isRunning(summary);
  const answer = plainPreview(liveText !== undefined ? preview(liveText) : summary.outputPreview);
  const tokens = totalTokens(summary);
  const mode = contextLabel(summary);

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
      className={`flex h-full w-full flex-col rounded-lg border bg-white px-3 pt-2.5 pb-2 shadow-xs transition-[border-color,box-shadow] dark:bg-zinc-900 ${frame}`}
    >
      <Handle
        type="target"
        position={direction === "LR" ? Position.Left : Position.Top}
        isConnectable={false}
        className="arbor-handle"
      />
      <p data-testid="node-input" className="arbor-card-text truncate text-[12.5px] leading-4 font-medium text-zinc-900 dark:text-zinc-100">
        {summary.inputPreview || <span className="text-zinc-400 italic">(no text input)</span>}
      </p>
      <p
        data-testid="node-answer"
        className={`arbor-card-text mt-1 line-clamp-2 text-[12px] leading-[1.35] ${
          summary.status === "failed" ? "text-red-600 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"
        }`}
      >
        {summary.status === "failed" && !answer
          ? (summary.error?.message ?? "The call failed")
          : answer || (running ? <span className="text-zinc-400 italic">Waiting for the first token…</span> : <span className="text-zinc-400 italic">No text in the answer</span>)}
      </p>
      <div className="arbor-card-text mt-auto flex items-center gap-1.5 text-[10.5px] leading-none">
        <StatusLabel status={summary.status} quiet className="shrink-0 font-medium" />
        <span className="min-w-0 truncate font-mono text-zinc-400 dark:text-zinc-500">{summary.model}</span>
        <span className="ml-auto flex shrink-0 items-center gap-1">
          <Badge tone={mode === "chain" ? "neutral" : mode === "replay" ? "accent" : "warn"} title={`Context: ${mode}`}>
            {mode}
          </Badge>
          {tokens !== null ? (
            <span className="font-mono text-zinc-400 tabular-nums dark:text-zinc-500" title={`${tokens} tokens`}>
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

export const NodeCard = memo(NodeCardView);
