import { diffWords } from "diff";
import type { NodeSummary } from "@/lib/contracts/nodes";

type Json = Record<string, unknown>;

/** One row of two contexts laid side by side: the items at the same position and whether they say the same. */
export type ContextRow = { index: number; a: unknown; b: unknown; same: boolean };

/** JSON with object keys sorted at every depth, so key order never makes two equal values differ. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const entries = Object.entries(value as Json).filter(([, v]) => v !== undefined);
  return `{${entries.sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

// Ids and statuses differ between a replayed copy and the stored original of the same item; content is what matters.
function comparable(item: unknown): string {
  if (item === null || typeof item !== "object" || Array.isArray(item)) return canonical(item);
  const { id: _id, status: _status, ...rest } = item as Json;
  return canonical(rest);
}

/** Align two contexts item by item (position by position), marking where they differ. */
export function compareContexts(a: readonly unknown[], b: readonly unknown[]): ContextRow[] {
  return Array.from({ length: Math.max(a.length, b.length) }, (_, index) => ({
    index,
    a: a[index],
    b: b[index],
    same: index < a.length && index < b.length && comparable(a[index]) === comparable(b[index]),
  }));
}

/** A short line describing an input or output item: who said what, or which tool ran. */
export function describeItem(item: unknown): string {
  if (item === undefined) return "—";
  const i = (item ?? {}) as Json;
  const type = typeof i.type === "string" ? i.type : "message";
  if (type === "message") {
    const content = i.content;
    const text =
      typeof content === "string"
        ? content
        : Array.isArray(content)
          ? (content as Json[]).map((p) => (typeof p.text === "string" ? p.text : typeof p.refusal === "string" ? p.refusal : `[${String(p.type)}]`)).join(" ")
          : "";
    return `${typeof i.role === "string" ? i.role : "message"}: ${text.replace(/\s+/g, " ").trim()}`;
  }
  if (type === "function_call") return `function_call ${String(i.name)}(${String(i.arguments ?? "")})`;
  if (type === "function_call_output") return `function_call_output ${String(i.call_id)}: ${String(i.output)}`;
  return type;
}

/** A piece of a word diff: kept, only in A (removed) or only in B (added). */
export type DiffPart = { text: string; kind: "same" | "removed" | "added" };

/** The word-level difference between two answers. */
export function diffText(a: string, b: string): DiffPart[] {
  return diffWords(a, b).map((part) => ({ text: part.value, kind: part.added ? "added" : part.removed ? "removed" : "same" }));
}

/** A measured quantity of two nodes and B minus A; null where either side does not know it. */
export type MetricRow = { label: string; unit: "tokens" | "ms" | "usd"; a: number | null; b: number | null; delta: number | null };

function usageNumber(node: NodeSummary, path: string[]): number | null {
  let value: unknown = node.usage;
  for (const key of path) value = value && typeof value === "object" ? (value as Json)[key] : undefined;
  return typeof value === "number" ? value : null;
}

/** Tokens, latency and cost of two nodes side by side. */
export function compareMetrics(a: NodeSummary, b: NodeSummary): MetricRow[] {
  const rows: [string, MetricRow["unit"], (n: NodeSummary) => number | null][] = [
    ["Input tokens", "tokens", (n) => usageNumber(n, ["input_tokens"])],
    ["Cached tokens", "tokens", (n) => usageNumber(n, ["input_tokens_details", "cached_tokens"])],
    ["Output tokens", "tokens", (n) => usageNumber(n, ["output_tokens"])],
    ["Reasoning tokens", "tokens", (n) => usageNumber(n, ["output_tokens_details", "reasoning_tokens"])],
    ["Total tokens", "tokens", (n) => usageNumber(n, ["total_tokens"])],
    ["Time to first token", "ms", (n) => n.ttftMs],
    ["Duration", "ms", (n) => n.durationMs],
    ["Cost", "usd", (n) => n.costUsd],
  ];
  return rows.map(([label, unit, read]) => {
    const va = read(a);
    const vb = read(b);
    return { label, unit, a: va, b: vb, delta: va !== null && vb !== null ? vb - va : null };
  });
}
