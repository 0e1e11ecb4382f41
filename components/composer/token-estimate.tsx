"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { CreateNodeBody } from "@/lib/contracts/nodes";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import { formatUsd } from "@/lib/tree/cost";
import { forkChanges } from "@/lib/tree/fork-changes";

/** How long the composer waits after the last keystroke before it asks for a token count. */
const DEBOUNCE_MS = 400;

/** `value` once it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The token count and input cost of the next call, asked of the provider a moment after typing stops; for a fork onto
 * another model, what changes. Says nothing while there is nothing to send.
 */
export function TokenEstimate({ treeId, body }: { treeId: string; body: CreateNodeBody | null }) {
  const key = useSettled(body === null ? null : JSON.stringify(body), DEBOUNCE_MS);
  const query = useQuery({
    queryKey: queryKeys.inputTokens(treeId, key ?? ""),
    queryFn: ({ signal }) => api.inputTokens(treeId, JSON.parse(key!) as CreateNodeBody, signal),
    enabled: key !== null,
    staleTime: 60_000,
    retry: false,
  });
  if (key === null) return null;
  const estimate = query.data;
  const changes = estimate ? forkChanges(estimate) : null;
  return (
    <div aria-live="polite" className="mt-1.5 space-y-0.5 text-[11px] text-zinc-500 dark:text-zinc-400" data-testid="token-estimate">
      {query.isError ? (
        <p>Token count unavailable: {query.error.message}</p>
      ) : estimate ? (
        <p>
          <span className="font-medium text-zinc-700 tabular-nums dark:text-zinc-300">≈ {estimate.inputTokens.toLocaleString()} input tokens</span>
          {" · "}
          {estimate.inputCostUsd === null ? "price unknown" : `${formatUsd(estimate.inputCostUsd)} input`} · {estimate.contextMode === "chain" ? "chained" : "replayed"}
        </p>
      ) : (
        <p>Counting tokens…</p>
      )}
      {changes ? (
        <div data-testid="fork-changes" className="text-amber-800 dark:text-amber-300">
          <p className="font-medium">{changes.heading}</p>
          <ul className="list-disc pl-4">
            {changes.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
