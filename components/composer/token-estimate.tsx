"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { CreateNodeBody } from "@/lib/contracts/nodes";
import type { InputTokenEstimate } from "@/lib/contracts/tokens";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import { formatUsd } from "@/lib/tree/cost";

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

/** What forking onto another provider or model changes: how the history travels, and the input price. */
function switchNote(estimate: InputTokenEstimate): string | null {
  const from = estimate.switchedFrom;
  if (!from) return null;
  const onto = from.providerId === estimate.providerId ? estimate.model : `${estimate.model} (${estimate.providerId})`;
  const history = estimate.contextMode === "replay" ? `the history is replayed: all ${estimate.inputTokens.toLocaleString()} tokens sent again, none cached` : "the history stays chained on the server";
  const price =
    from.inputCostUsd !== null && estimate.inputCostUsd !== null ? `; input ${formatUsd(estimate.inputCostUsd)} instead of ${formatUsd(from.inputCostUsd)}` : "";
  return `Forking from ${from.model} onto ${onto}: ${history}${price}.`;
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
  const note = estimate ? switchNote(estimate) : null;
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
      {note ? <p className="text-amber-700 dark:text-amber-400">{note}</p> : null}
    </div>
  );
}
