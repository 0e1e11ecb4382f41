import { memo, useEffect, useRef, type ReactNode } from "react";
import type { CitedSource } from "@/lib/responses/citations";
import { isKnownItemType, itemDefinition, type ItemTiming, type ToolOutput } from "@/lib/responses/items";
import type { JsonObject } from "@/lib/responses/json";
import { formatMs } from "@/lib/client/format";
import { ItemIcon } from "@/components/ui/item-icon";
import { Code, Field, Missing, prettyJson, str } from "./fields";
import { ITEM_BODIES } from "./item-bodies";

const statusTone: Record<string, string> = {
  completed: "text-emerald-700 dark:text-emerald-400",
  failed: "text-red-600 dark:text-red-400",
  incomplete: "text-amber-700 dark:text-amber-400",
};

/** "+120 ms → +480 ms · 360 ms": when the item's events began and ended, relative to the request. */
function timingText(timing: ItemTiming): string {
  const span = timing.lastMs - timing.firstMs;
  return `+${formatMs(timing.firstMs)} → +${formatMs(timing.lastMs)} · ${formatMs(span)}`;
}

/** One tool-call item: kind, status, timing and the fields that matter for its type; unknown kinds as raw JSON. */
type Props = {
  item: JsonObject;
  type: string;
  timing: ItemTiming | undefined;
  /** For calls answered in a later turn: the output a child node sent (null: none yet; undefined: not applicable). */
  laterOutput?: ToolOutput | null;
  /** The answer's citations whose sources this call found. */
  cited?: readonly CitedSource[];
  /** A citation marker was clicked for one of them: scroll here and stand out. */
  focused?: boolean;
  /** The tool definitions the request offered (a custom tool call shows its tool's grammar). */
  tools?: readonly unknown[];
  /** What can be done with the item, under its body (answering an approval request). */
  actions?: ReactNode;
};

export const ToolCard = memo(function ToolCard({ item, type, timing, laterOutput, cited, focused = false, tools = NO_TOOLS, actions }: Props) {
  const definition = itemDefinition(type);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [focused]);
  const status = str(item.status);
  const headingId = `tool-${str(item.id) || type}-heading`;
  return (
    <article
      ref={ref}
      aria-labelledby={headingId}
      data-testid="tool-card"
      data-item-type={type}
      data-focused={focused ? "true" : undefined}
      className={`rounded-lg border bg-white dark:bg-zinc-950 ${
        focused ? "border-indigo-400 ring-3 ring-indigo-500/20 dark:border-indigo-500" : "border-zinc-200 dark:border-zinc-800"
      }`}
    >
      <header className="flex items-center gap-2 border-b border-zinc-100 px-3 py-2 dark:border-zinc-800/70">
        <span className="flex size-6 shrink-0 items-center justify-center rounded-md bg-indigo-50 text-indigo-700 dark:bg-indigo-950/60 dark:text-indigo-300">
          <ItemIcon icon={definition.icon} width={14} height={14} />
        </span>
        <h3 id={headingId} className="min-w-0 flex-1 truncate text-[13px] font-medium text-zinc-900 dark:text-zinc-100">
          {definition.label}
          {!isKnownItemType(type) ? (
            <span className="ml-1.5 text-xs font-normal text-zinc-500" title="Arbor does not know this item type: shown as raw JSON">
              · unknown type
            </span>
          ) : null}
        </h3>
        {status ? (
          <span className={`shrink-0 text-xs font-medium ${statusTone[status] ?? "text-zinc-500 dark:text-zinc-400"}`}>{status.replace("_", " ")}</span>
        ) : null}
      </header>
      <div className="space-y-3 px-3 py-2.5">
        {timing ? (
          <p className="font-mono text-[11px] text-zinc-500 tabular-nums dark:text-zinc-400" title={`${timing.events} events`}>
            {timingText(timing)}
          </p>
        ) : null}
        {isKnownItemType(type) ? <ToolBody type={type} item={item} tools={tools} /> : <Code label={`${type} JSON`}>{prettyJson(item)}</Code>}
        {laterOutput !== undefined ? <LaterOutput output={laterOutput} callId={str(item.call_id)} outputType={type === "custom_tool_call" ? "custom_tool_call_output" : "function_call_output"} /> : null}
        {cited?.length ? <CitedHere sources={cited} /> : null}
        {actions}
        {isKnownItemType(type) ? (
          <details className="text-xs">
            <summary className="cursor-pointer text-zinc-500 select-none hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200">
              Raw item JSON
            </summary>
            <div className="mt-1.5">
              <Code label={`${type} JSON`}>{prettyJson(item)}</Code>
            </div>
          </details>
        ) : null}
      </div>
    </article>
  );
});

const NO_TOOLS: readonly unknown[] = [];

function ToolBody({ type, item, tools }: { type: keyof typeof ITEM_BODIES; item: JsonObject; tools: readonly unknown[] }) {
  const Body = ITEM_BODIES[type];
  return <Body item={item} tools={tools} />;
}

function LaterOutput({ output, callId, outputType }: { output: ToolOutput | null; callId: string; outputType: string }) {
  if (!output) {
    return (
      <Field label="Output">
        <Missing>
          No output yet: fork this node with a {outputType} for {callId || "this call"}.
        </Missing>
      </Field>
    );
  }
  return (
    <Field label="Output (sent in the next turn)">
      <Code label="Output">{prettyJson(output.output)}</Code>
    </Field>
  );
}

/** The sources of this call that the answer cites, with their numbers and the text each one supports. */
function CitedHere({ sources }: { sources: readonly CitedSource[] }) {
  return (
    <Field label={`Cited in the answer (${sources.length})`}>
      <ul className="space-y-1 text-xs" data-testid="cited-sources">
        {sources.map((source) => (
          <li key={source.n} className="flex gap-1.5">
            <span className="shrink-0 rounded bg-indigo-50 px-1 font-mono text-[10.5px] text-indigo-700 dark:bg-indigo-950/60 dark:text-indigo-300">{source.n}</span>
            <span className="min-w-0">
              <span className="font-medium text-zinc-800 dark:text-zinc-200">{source.title}</span>
              <span className="ml-1 font-mono text-[10.5px] text-zinc-500">{source.site ?? source.filename ?? ""}</span>
              {source.citedText ? <span className="block text-zinc-500 italic dark:text-zinc-400">{source.citedText}</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </Field>
  );
}
