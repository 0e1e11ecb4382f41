"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { ArborError } from "@/lib/contracts/errors";
import { outputText } from "@/lib/responses/summary";
import { compareContexts, compareMetrics, diffText } from "@/lib/tree/compare";
import type { NodeDetail, NodeSummary } from "@/lib/contracts/nodes";
import { useNodeContext, useNodeDetail, useTree } from "@/lib/client/queries";
import { focusRing } from "@/components/ui/button";
import { EmptyState, ErrorBanner, Skeleton } from "@/components/ui/feedback";
import { BranchIcon } from "@/components/ui/icons";
import { ContextTable, MetricsTable, WordDiff } from "./compare-sections";

/** Two nodes of a tree side by side: their answers (word diff), the context each received, tokens, latency, cost. */
export function CompareView({ treeId, initialA, initialB }: { treeId: string; initialA: string | null; initialB: string | null }) {
  const tree = useTree(treeId);
  const router = useRouter();
  const pathname = usePathname();
  const [a, setA] = useState(initialA);
  const [b, setB] = useState(initialB);

  function choose(side: "a" | "b", id: string) {
    const next = { a, b, [side]: id };
    if (side === "a") setA(id);
    else setB(id);
    const query = new URLSearchParams(Object.entries(next).filter((e): e is [string, string] => e[1] !== null));
    router.replace(`${pathname}?${query.toString()}`, { scroll: false });
  }

  if (tree.isPending) return <Skeleton className="m-6 h-64" />;
  if (tree.isError) {
    const missing = tree.error instanceof ArborError && tree.error.code === "not_found";
    return (
      <div className="p-6">
        <ErrorBanner title={missing ? "This tree does not exist" : "Could not load this tree"} message={tree.error.message} />
      </div>
    );
  }
  const nodes = tree.data.nodes;
  return (
    <div className="flex h-full flex-col">
      <header className="flex h-12 shrink-0 items-center gap-3 border-b border-zinc-200 px-4 dark:border-zinc-800">
        <h1 className="text-[14px] font-semibold tracking-tight">Compare · {tree.data.tree.title}</h1>
        <Link href={`/t/${treeId}${a ? `?node=${a}` : ""}`} className={`ml-auto rounded px-1.5 py-0.5 text-xs text-indigo-600 hover:underline dark:text-indigo-400 ${focusRing}`}>
          Back to the graph
        </Link>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto p-5">
        <div className="grid grid-cols-2 gap-4">
          <NodePicker label="Node A" nodes={nodes} value={a} onChange={(id) => choose("a", id)} />
          <NodePicker label="Node B" nodes={nodes} value={b} onChange={(id) => choose("b", id)} />
        </div>
        {a && b ? (
          <Comparison a={a} b={b} nodes={nodes} />
        ) : (
          <div className="py-16">
            <EmptyState icon={<BranchIcon width={20} height={20} />} title="Pick two nodes">
              Choose the two nodes to compare: their answers, the context each one received, and their tokens, latency and cost.
            </EmptyState>
          </div>
        )}
      </div>
    </div>
  );
}

function NodePicker({ label, nodes, value, onChange }: { label: string; nodes: NodeSummary[]; value: string | null; onChange: (id: string) => void }) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-300">
      {label}
      <select
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value)}
        className={`h-8 rounded-md border border-zinc-200 bg-white px-2 text-[13px] font-normal text-zinc-900 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100 ${focusRing}`}
      >
        <option value="" disabled>
          Choose a node…
        </option>
        {nodes.map((node) => (
          <option key={node.id} value={node.id}>
            {node.inputPreview || "(no text input)"} · {node.model} · {node.id.slice(0, 6)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A node's answer text (an imported Response is any JSON object: its output may not be a list). */
function answerText(detail: NodeDetail | undefined): string {
  const output = detail?.response?.output;
  return Array.isArray(output) ? outputText(output) : "";
}

function Comparison({ a, b, nodes }: { a: string; b: string; nodes: NodeSummary[] }) {
  const detailA = useNodeDetail(a);
  const detailB = useNodeDetail(b);
  const contextA = useNodeContext(a);
  const contextB = useNodeContext(b);
  const summaryA = nodes.find((n) => n.id === a);
  const summaryB = nodes.find((n) => n.id === b);
  const textA = answerText(detailA.data);
  const textB = answerText(detailB.data);
  const parts = useMemo(() => diffText(textA, textB), [textA, textB]);
  const rows = useMemo(() => compareContexts(contextA.data?.items ?? [], contextB.data?.items ?? []), [contextA.data, contextB.data]);

  const failed = [detailA, detailB, contextA, contextB].find((q) => q.isError);
  if (failed?.error) return <ErrorBanner title="Could not load a node" message={failed.error.message} />;
  if (!summaryA || !summaryB) return <ErrorBanner title="Unknown node" message="One of the chosen nodes is not in this tree." />;
  const loading = detailA.isPending || detailB.isPending || contextA.isPending || contextB.isPending;

  return (
    <div className="mt-6 space-y-8">
      <section aria-labelledby="compare-answers">
        <h2 id="compare-answers" className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
          Answers
        </h2>
        {loading ? <Skeleton className="h-32" /> : <WordDiff parts={parts} />}
      </section>
      <section aria-labelledby="compare-context">
        <h2 id="compare-context" className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
          Context received · {rows.filter((r) => !r.same).length} of {rows.length} items differ
        </h2>
        {loading ? <Skeleton className="h-32" /> : <ContextTable rows={rows} modeA={summaryA.contextMode} modeB={summaryB.contextMode} />}
      </section>
      <section aria-labelledby="compare-metrics">
        <h2 id="compare-metrics" className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
          Tokens, latency and cost
        </h2>
        <MetricsTable rows={compareMetrics(summaryA, summaryB)} />
      </section>
    </div>
  );
}
