"use client";

import { useEffect, useMemo, useRef } from "react";
import { citeMessages } from "@/lib/responses/citations";
import { functionOutputs, inputText } from "@/lib/responses/input";
import { itemDefinition, toolCallItems } from "@/lib/responses/items";
import { str } from "@/lib/responses/json";
import { differenceText, siblingDifference } from "@/lib/tree/siblings";
import { leafThrough, switchSibling, threadTo, type ThreadTurn } from "@/lib/tree/thread";
import type { TreeIndex } from "@/lib/tree/tree-index";
import { useExplorer } from "@/lib/client/explorer-context";
import { focusComposer, requestComposer } from "@/lib/client/focus";
import { useNodeDetail } from "@/lib/client/queries";
import { useLiveText } from "@/lib/client/run-store";
import { Button } from "@/components/ui/button";
import { EmptyState, Skeleton } from "@/components/ui/feedback";
import { ChevronLeftIcon, ChevronRightIcon, NoteIcon, StarIcon, ThreadIcon } from "@/components/ui/icons";
import { StatusLabel } from "@/components/ui/status";
import { SourceList } from "@/components/inspector/citations";
import { AnswerMarkdown } from "@/components/inspector/markdown";

const NO_CHUNKS: ReadonlyMap<string, string> = new Map();

/**
 * One branch read as a transcript, root to the selected node: each turn's input and answer (with its sources), tool
 * calls folded away; from any turn, fork, edit or regenerate; a turn's ‹ 2/3 › switcher changes the branch in place.
 */
export function ThreadView({ index }: { index: TreeIndex }) {
  const selectedId = useExplorer((s) => s.selectedId);
  const select = useExplorer((s) => s.select);
  const start = selectedId !== null && index.byId.has(selectedId) ? selectedId : (index.roots[0] ?? null);
  const turns = useMemo(() => threadTo(index, start === null ? null : start === selectedId ? start : leafThrough(index, start)), [index, start, selectedId]);

  if (turns.length === 0) {
    return (
      <div className="flex h-full items-center justify-center">
        <EmptyState icon={<ThreadIcon width={18} height={18} />} title="Nothing to read yet">
          Send a first message; its branch reads here as a conversation.
        </EmptyState>
      </div>
    );
  }
  return (
    <section aria-label="Thread" data-testid="thread-view" className="h-full overflow-y-auto bg-zinc-50 dark:bg-zinc-950">
      <ol className="mx-auto flex max-w-3xl flex-col gap-4 px-6 py-6">
        {turns.map((turn, i) => (
          <ThreadTurnView key={turn.id} turn={turn} number={i + 1} index={index} last={i === turns.length - 1} onSelect={select} />
        ))}
      </ol>
    </section>
  );
}

function ThreadTurnView({ turn, number, index, last, onSelect }: { turn: ThreadTurn; number: number; index: TreeIndex; last: boolean; onSelect: (id: string) => void }) {
  const summary = index.byId.get(turn.id)!;
  const detail = useNodeDetail(turn.id);
  const liveText = useLiveText(turn.id);
  const selectedId = useExplorer((s) => s.selectedId);
  const difference = useMemo(() => {
    const found = turn.siblings.length > 1 ? siblingDifference(index, turn.id) : null;
    return found ? differenceText(found) : null;
  }, [index, turn]);
  const items = useMemo(() => (Array.isArray(detail.data?.response?.output) ? (detail.data.response.output as unknown[]) : []), [detail.data]);
  const answer = useMemo(() => citeMessages(items), [items]);
  const calls = toolCallItems(items);
  const text = detail.data ? inputText(detail.data.input) : summary.inputPreview;
  const outputs = detail.data ? functionOutputs(detail.data.input) : [];
  const ref = useRef<HTMLLIElement>(null);
  // The selected turn (the end of the branch) is where the reader is: bring it into view.
  const isSelected = turn.id === selectedId;
  useEffect(() => {
    if (isSelected) ref.current?.scrollIntoView({ block: "nearest" });
  }, [isSelected]);

  // Act on this turn: select it, then let the composer (which reads the selection) do the rest on the next frame.
  const act = (what: "fork" | "edit" | "regenerate") => {
    onSelect(turn.id);
    window.requestAnimationFrame(() => {
      if (what === "fork") focusComposer();
      else requestComposer(what);
    });
  };

  return (
    <li
      ref={ref}
      aria-label={`Turn ${number}`}
      data-testid="thread-turn"
      data-node-id={turn.id}
      className={`rounded-lg border bg-white px-4 py-3 dark:bg-zinc-900 ${turn.id === selectedId ? "border-indigo-300 dark:border-indigo-800" : "border-zinc-200 dark:border-zinc-800"}`}
    >
      <header className="flex items-center gap-2 text-[11.5px] text-zinc-500 dark:text-zinc-400">
        <span className="font-medium text-zinc-700 dark:text-zinc-300">Turn {number}</span>
        {summary.starred ? (
          <span role="img" aria-label="Starred" className="text-amber-500">
            <StarIcon filled width={12} height={12} />
          </span>
        ) : null}
        {summary.label ? <span className="rounded bg-indigo-50 px-1 font-medium text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">{summary.label}</span> : null}
        <StatusLabel status={summary.status} quiet />
        <span className="truncate font-mono">{summary.model}</span>
        {difference ? <span className="truncate font-medium text-indigo-700 dark:text-indigo-300">{difference}</span> : null}
        {turn.siblings.length > 1 ? <TurnSwitcher turn={turn} index={index} onSelect={onSelect} /> : null}
      </header>
      {summary.note ? (
        <p className="mt-2 flex gap-1.5 rounded-md bg-amber-50 px-2 py-1.5 text-[12.5px] text-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
          <NoteIcon width={14} height={14} className="mt-0.5 shrink-0" />
          <span>{summary.note}</span>
        </p>
      ) : null}
      <div className="mt-2">
        {text ? (
          <p className="text-[13.5px] whitespace-pre-wrap text-zinc-900 dark:text-zinc-100">
            <span className="sr-only">User: </span>
            {text}
          </p>
        ) : null}
        {outputs.map((output) => (
          <details key={output.callId} className="mt-1 text-[12.5px]">
            <summary className="cursor-pointer text-zinc-600 dark:text-zinc-300">Tool output for {output.callId}</summary>
            <pre className="mt-1 overflow-x-auto rounded bg-zinc-100 p-2 font-mono text-[12px] dark:bg-zinc-800">{typeof output.output === "string" ? output.output : JSON.stringify(output.output, null, 2)}</pre>
          </details>
        ))}
      </div>
      {calls.length > 0 ? (
        <details className="mt-2 text-[12.5px]">
          <summary className="cursor-pointer text-zinc-600 dark:text-zinc-300">
            Tool calls ({calls.length}): {[...new Set(calls.map((c) => itemDefinition(c.type).label))].join(", ")}
          </summary>
          <ul className="mt-1 space-y-0.5 font-mono text-[12px] text-zinc-600 dark:text-zinc-400">
            {calls.map(({ item, index: at, type }) => (
              <li key={at}>
                {itemDefinition(type).label}
                {type === "function_call" ? `: ${str(item.name)}(${str(item.arguments)})` : ""}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="mt-3 border-t border-zinc-100 pt-3 dark:border-zinc-800">
        <span className="sr-only">Assistant: </span>
        {liveText !== undefined ? (
          <AnswerMarkdown text={liveText} />
        ) : detail.isPending ? (
          <Skeleton className="h-10" />
        ) : answer.markdown ? (
          <>
            <AnswerMarkdown text={answer.markdown} sources={answer.sources} onCite={() => undefined} />
            <SourceList sources={answer.sources} chunks={NO_CHUNKS} onOpen={() => undefined} />
          </>
        ) : (
          <p className="text-[12.5px] text-zinc-500 italic">{summary.error?.message ?? (calls.length ? "Tool calls only" : "No text in the answer")}</p>
        )}
      </div>
      <footer className="mt-3 flex items-center gap-1.5">
        <Button size="sm" variant={last ? "secondary" : "ghost"} onClick={() => act("fork")} aria-label={`Fork from turn ${number}`}>
          Fork
        </Button>
        {text ? (
          <Button size="sm" variant="ghost" onClick={() => act("edit")} aria-label={`Edit turn ${number}`}>
            Edit
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" onClick={() => act("regenerate")} aria-label={`Regenerate turn ${number}`}>
          Regenerate
        </Button>
      </footer>
    </li>
  );
}

/** ‹ 2/3 ›: read the branch through another sibling of this turn, down to its newest end. */
function TurnSwitcher({ turn, index, onSelect }: { turn: ThreadTurn; index: TreeIndex; onSelect: (id: string) => void }) {
  const move = (step: -1 | 1) => {
    const target = switchSibling(index, turn.id, step);
    if (target !== null) onSelect(target);
  };
  return (
    <span role="group" aria-label={`Sibling ${turn.position + 1} of ${turn.siblings.length}`} className="ml-auto flex items-center gap-0.5 font-mono tabular-nums">
      <Button size="sm" variant="ghost" aria-label="Previous sibling" disabled={turn.position === 0} onClick={() => move(-1)}>
        <ChevronLeftIcon width={12} height={12} />
      </Button>
      <span data-testid="turn-position">
        {turn.position + 1}/{turn.siblings.length}
      </span>
      <Button size="sm" variant="ghost" aria-label="Next sibling" disabled={turn.position === turn.siblings.length - 1} onClick={() => move(1)}>
        <ChevronRightIcon width={12} height={12} />
      </Button>
    </span>
  );
}
