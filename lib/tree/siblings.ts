import { diffWords } from "diff";
import type { NodeSummary } from "@/lib/contracts/nodes";
import { siblingsOf, type TreeIndex } from "./tree-index";

// How a node differs from its siblings, so that cards which would otherwise read the same can be told apart.

/** Where a node sits among its siblings (1-based), for a "‹ 2/3 ›" switcher. */
export type SiblingPosition = { position: number; count: number; previous: string | null; next: string | null };

/** How a node differs from the first of its siblings (the one it was forked beside). */
export type SiblingDifference =
  /** The first answer to this input, with siblings after it. */
  | { kind: "original" }
  /** The same input asked again: the `ordinal`-th of `of`; `model` when the askings went to different models. */
  | { kind: "regenerate"; ordinal: number; of: number; model: string | null }
  /** The user's text, edited: the words taken out and put in. */
  | { kind: "edit"; removed: string; added: string }
  /** An edit the previews do not show: past their first 160 characters (`truncated`), else in images or other items. */
  | { kind: "edit-unseen"; truncated: boolean }
  /** Another tool output for the same call: the value that differs (with its key when it has one). */
  | { kind: "tool-output"; value: string };

/** The node's place among its siblings; null when it has none. */
export function siblingPosition(index: TreeIndex, id: string): SiblingPosition | null {
  const siblings = siblingsOf(index, id);
  const at = siblings.indexOf(id);
  if (siblings.length < 2 || at === -1) return null;
  return { position: at + 1, count: siblings.length, previous: siblings[at - 1] ?? null, next: siblings[at + 1] ?? null };
}

const isToolOutput = (node: NodeSummary) => node.answeredCallIds.length > 0;

/** Whether two nodes sent the same input: by the digest of the whole input, else (unknown) by their previews. */
const sameInput = (a: NodeSummary, b: NodeSummary) => (a.inputDigest !== null && b.inputDigest !== null ? a.inputDigest === b.inputDigest : a.inputPreview === b.inputPreview);

/** What sets this node apart from its siblings; null when it has none. */
export function siblingDifference(index: TreeIndex, id: string): SiblingDifference | null {
  const node = index.byId.get(id);
  // A compacted root is no edit of the roots beside it: it neither differs from them nor they from it.
  const siblings = siblingsOf(index, id)
    .map((s) => index.byId.get(s))
    .filter((s): s is NodeSummary => s !== undefined && s.compactedFrom === null);
  if (!node || node.compactedFrom !== null || siblings.length < 2) return null;
  const twins = siblings.filter((s) => sameInput(s, node));
  if (twins.length > 1) {
    const models = new Set(twins.map((t) => t.model));
    return { kind: "regenerate", ordinal: twins.indexOf(node) + 1, of: twins.length, model: models.size > 1 ? node.model : null };
  }
  const reference = siblings.find((s) => !sameInput(s, node));
  if (!reference || siblings[0] === node) return { kind: "original" };
  if (reference.inputPreview === node.inputPreview) return { kind: "edit-unseen", truncated: node.inputPreview.endsWith("…") };
  if (isToolOutput(node) && isToolOutput(reference)) return { kind: "tool-output", value: differingValue(reference.inputPreview, node.inputPreview) };
  return { kind: "edit", ...changedWords(reference.inputPreview, node.inputPreview) };
}

/** The words of `after` not in `before` and those of `before` gone from it, each joined into one short phrase. */
export function changedWords(before: string, after: string): { removed: string; added: string } {
  const parts = diffWords(before, after);
  const join = (kept: (p: (typeof parts)[number]) => boolean) =>
    parts
      .filter(kept)
      .map((p) => p.value.trim())
      .filter(Boolean)
      .join(" … ");
  return { removed: join((p) => p.removed), added: join((p) => p.added) };
}

// Characters that end a JSON value or a word on either side.
const BOUNDARY = /[\s,:{}[\]"]/;

/**
 * The part of `after` that differs from `before`, widened to whole values (`13` rather than `3` when `1` was
 * common), with the JSON key before it when there is one: `temperature_c: 13`.
 */
export function differingValue(before: string, after: string): string {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  let from = start;
  let to = after.length - end;
  while (from > 0 && !BOUNDARY.test(after[from - 1]!)) from--;
  while (to < after.length && !BOUNDARY.test(after[to]!)) to++;
  const value = after.slice(from, to).trim() || after.slice(start, after.length - end).trim();
  const key = /"([^"]{1,40})"\s*:\s*"?$/.exec(after.slice(Math.max(0, from - 48), from));
  return key ? `${key[1]}: ${value}` : value;
}

/** The words a card shows for a difference, e.g. "regenerate 2 of 3", "edit: Porto", "temperature_c: 13". */
export function differenceText(difference: SiblingDifference): string {
  switch (difference.kind) {
    case "original":
      return "original";
    case "regenerate":
      return `regenerate ${difference.ordinal} of ${difference.of}${difference.model ? ` · ${difference.model}` : ""}`;
    case "edit":
      return difference.added ? `edit: ${difference.added}` : `edit: removed ${difference.removed}`;
    case "edit-unseen":
      return difference.truncated ? "edit: changed after the first 160 characters" : "edit: other images or items";
    case "tool-output":
      return `output: ${difference.value}`;
  }
}
