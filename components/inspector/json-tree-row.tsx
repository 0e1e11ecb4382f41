"use client";

import { memo, type ReactNode } from "react";
import { focusRing } from "@/components/ui/button";
import { ChevronRightIcon } from "@/components/ui/icons";
import type { JsonMatch, JsonNode, JsonRow } from "./json-tree-model";

/** A string longer than this is cut when drawn (Copy still gives all of it). */
const SHOWN_STRING_LIMIT = 5_000;
const INDENT_PX = 14;

type RowProps = {
  row: JsonRow;
  index: number;
  node: JsonNode | undefined;
  label: string;
  hits: JsonMatch["part"][] | undefined;
  activePart: JsonMatch["part"] | null;
  search: string;
  onToggle: (index: number, open: boolean) => void;
};

/** One line of the JSON tree: a key, a value or a bracket, with a fold button on containers. */
export const TreeRow = memo(function TreeRow({ row, index, node, label, hits, activePart, search, onToggle }: RowProps) {
  if (!node) return null;
  const open = row.part === "open";
  const [openMark, closeMark] = node.kind === "array" ? ["[", "]"] : ["{", "}"];
  const comma = node.last ? "" : ",";
  const name = node.key === null ? `the whole ${label}` : typeof node.key === "number" ? `item ${node.key}` : `“${node.key}”`;
  const keyHit = hits?.includes("key") ? search : "";
  const valueHit = hits?.includes("value") ? search : "";

  let body: ReactNode;
  if (row.part === "close") body = `${closeMark}${comma}`;
  else if (row.part === "leaf") body = node.kind === "primitive" ? <Primitive text={node.text} hit={valueHit} active={activePart === "value"} /> : `${openMark}${closeMark}`;
  else if (open) body = openMark;
  else
    body = (
      <>
        {openMark}
        <span className="rounded bg-zinc-200/70 px-1 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400">
          {node.size} {node.kind === "array" ? (node.size === 1 ? "item" : "items") : node.size === 1 ? "key" : "keys"}
        </span>
        {closeMark}
      </>
    );

  return (
    <div
      data-row={index}
      className="flex items-start [overflow-wrap:anywhere] whitespace-pre-wrap"
      style={{ paddingLeft: node.depth * INDENT_PX }}
    >
      {row.part === "open" || row.part === "folded" ? (
        <button
          type="button"
          data-toggle="true"
          aria-expanded={open}
          aria-label={`${open ? "Fold" : "Unfold"} ${name}`}
          onClick={() => onToggle(row.node, open)}
          className={`mt-px flex size-4 shrink-0 items-center justify-center rounded-sm text-zinc-400 hover:bg-zinc-200 hover:text-zinc-800 dark:hover:bg-zinc-800 dark:hover:text-zinc-200 ${focusRing}`}
        >
          <ChevronRightIcon width={11} height={11} className={open ? "rotate-90" : ""} />
        </button>
      ) : (
        <span className="w-4 shrink-0" />
      )}
      <span className="min-w-0">
        {row.part !== "close" && typeof node.key === "string" ? (
          <>
            <span className="text-zinc-900 dark:text-zinc-100">
              &quot;
              <Highlight text={node.key} hit={keyHit} active={activePart === "key"} />
              &quot;
            </span>
            {": "}
          </>
        ) : null}
        {body}
        {row.part === "leaf" || row.part === "folded" ? comma : ""}
      </span>
    </div>
  );
});

const PRIMITIVE_CLASS = {
  string: "text-emerald-700 dark:text-emerald-400",
  number: "text-sky-700 dark:text-sky-400",
  literal: "text-violet-700 dark:text-violet-400",
};

function Primitive({ text, hit, active }: { text: string; hit: string; active: boolean }) {
  const isString = text.startsWith('"');
  const kind = isString ? "string" : text === "true" || text === "false" || text === "null" ? "literal" : "number";
  const inner = isString ? text.slice(1, -1) : text;
  const cut = inner.length > SHOWN_STRING_LIMIT;
  return (
    // Ids, URLs and base64 have no spaces: let them break anywhere rather than drop below their key.
    <span className={`${PRIMITIVE_CLASS[kind]} ${/\s/.test(inner) ? "" : "[word-break:break-all]"}`}>
      {isString ? '"' : ""}
      <Highlight text={cut ? inner.slice(0, SHOWN_STRING_LIMIT) : inner} hit={hit} active={active} />
      {cut ? <span className="text-zinc-500 italic"> … {(inner.length - SHOWN_STRING_LIMIT).toLocaleString("en")} more characters (Copy gives all)</span> : null}
      {isString ? '"' : ""}
    </span>
  );
}

/** `text` with each occurrence of `hit` marked; the current match is marked more strongly. */
function Highlight({ text, hit, active }: { text: string; hit: string; active: boolean }) {
  if (hit === "") return text;
  const lower = text.toLowerCase();
  const needle = hit.toLowerCase();
  const parts: ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(
      <mark
        key={at}
        data-active={active || undefined}
        className={`rounded-sm ${active ? "bg-amber-300 text-zinc-950 ring-1 ring-amber-600 dark:bg-amber-300 dark:ring-amber-200" : "bg-amber-200 text-inherit dark:bg-amber-500/30"}`}
      >
        {text.slice(at, at + needle.length)}
      </mark>,
    );
    from = at + needle.length;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}
