"use client";

import { useId, useState } from "react";
import { REASONING_EFFORTS, type CreateNodeBody, type ReasoningEffort } from "@/lib/contracts/nodes";
import { useExplorer } from "@/lib/client/explorer-context";
import { fanOutBodies, MAX_FAN_OUT, parseTemperatures, type FanOutPlan } from "@/lib/client/fan-out";
import { useProviders } from "@/lib/client/queries";
import { useCreateNode } from "@/lib/client/use-create-node";
import { Button, focusRing } from "@/components/ui/button";

type Kind = FanOutPlan["kind"];
const KINDS: { value: Kind; label: string }[] = [
  { value: "models", label: "Models" },
  { value: "samples", label: "Samples" },
  { value: "temperature", label: "Temperatures" },
  { value: "reasoning", label: "Reasoning effort" },
];

const inputClass = `h-7 rounded-md border border-zinc-200 bg-white px-2 text-xs dark:border-zinc-700 dark:bg-zinc-900 ${focusRing}`;

/**
 * Fan-out: the message in the box sent N ways in one action (to several models, N samples, or across temperatures
 * or reasoning efforts), as N labelled siblings; then the side-by-side view shows their answers.
 */
export function FanOutPanel({
  treeId,
  bodyFor,
  canSend,
  onSent,
}: {
  treeId: string;
  /** The node body the composer would send now, or null when it cannot send. */
  bodyFor: () => CreateNodeBody | null;
  canSend: boolean;
  onSent: () => void;
}) {
  const providers = useProviders();
  const createNode = useCreateNode(treeId);
  const setView = useExplorer((s) => s.setView);
  const select = useExplorer((s) => s.select);
  const groupId = useId();
  const [kind, setKind] = useState<Kind>("models");
  const [models, setModels] = useState<string[]>([]);
  const [samples, setSamples] = useState(3);
  const [temperatures, setTemperatures] = useState("0, 0.7, 1.4");
  const [efforts, setEfforts] = useState<ReasoningEffort[]>(["low", "medium", "high"]);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const choices = providers.data?.flatMap((p) => (p.hasKey ? p.models.map((model) => ({ providerId: p.id, model, key: `${p.id}/${model}` })) : [])) ?? [];
  const parsedTemperatures = parseTemperatures(temperatures);
  const plan: FanOutPlan | string =
    kind === "models"
      ? models.length >= 2
        ? { kind, choices: choices.filter((c) => models.includes(c.key)) }
        : "Pick at least two models"
      : kind === "samples"
        ? { kind, count: samples }
        : kind === "temperature"
          ? typeof parsedTemperatures === "string"
            ? parsedTemperatures
            : { kind, values: parsedTemperatures }
          : efforts.length >= 2
            ? { kind, efforts }
            : "Pick at least two efforts";
  const base = canSend ? bodyFor() : null;
  const bodies = typeof plan === "string" || base === null ? [] : fanOutBodies(base, plan);

  async function send() {
    if (bodies.length === 0 || sending) return;
    setSending(true);
    setOutcome(null);
    onSent();
    const results = await Promise.allSettled(bodies.map((body) => createNode.mutateAsync({ create: body })));
    const created = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const failed = results.length - created.filter((n) => n.status !== "failed").length;
    setSending(false);
    setOutcome(failed === 0 ? null : `${failed} of ${results.length} did not complete; their cards say why.`);
    if (created[0]) select(created[0].id);
    setView("siblings");
  }

  return (
    <div role="group" aria-labelledby={groupId} data-testid="fan-out" className="mb-2 rounded-lg border border-zinc-200 bg-zinc-50 p-2.5 text-xs dark:border-zinc-800 dark:bg-zinc-900/60">
      <div className="flex flex-wrap items-center gap-2">
        <span id={groupId} className="font-medium text-zinc-700 dark:text-zinc-300">
          Fan out the message to
        </span>
        {KINDS.map((k) => (
          <label key={k.value} className="flex items-center gap-1">
            <input type="radio" name={`${groupId}-kind`} value={k.value} checked={kind === k.value} onChange={() => setKind(k.value)} />
            {k.label}
          </label>
        ))}
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        {kind === "models" ? (
          <fieldset className="flex flex-wrap gap-x-3 gap-y-1">
            <legend className="sr-only">Models</legend>
            {choices.map((c) => (
              <label key={c.key} className="flex items-center gap-1 font-mono">
                <input
                  type="checkbox"
                  checked={models.includes(c.key)}
                  disabled={!models.includes(c.key) && models.length >= MAX_FAN_OUT}
                  onChange={(event) => setModels((current) => (event.target.checked ? [...current, c.key] : current.filter((m) => m !== c.key)))}
                />
                {c.model}
              </label>
            ))}
          </fieldset>
        ) : kind === "samples" ? (
          <label className="flex items-center gap-1.5">
            Samples
            <input type="number" min={2} max={MAX_FAN_OUT} value={samples} onChange={(event) => setSamples(Number(event.target.value))} className={`${inputClass} w-16`} />
          </label>
        ) : kind === "temperature" ? (
          <label className="flex items-center gap-1.5">
            Temperatures
            <input value={temperatures} onChange={(event) => setTemperatures(event.target.value)} className={`${inputClass} w-40 font-mono`} />
          </label>
        ) : (
          <fieldset className="flex flex-wrap gap-x-3">
            <legend className="sr-only">Reasoning efforts</legend>
            {REASONING_EFFORTS.map((effort) => (
              <label key={effort} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={efforts.includes(effort)}
                  onChange={(event) => setEfforts((current) => (event.target.checked ? [...current, effort] : current.filter((e) => e !== effort)))}
                />
                {effort}
              </label>
            ))}
          </fieldset>
        )}
        <Button size="sm" variant="primary" className="ml-auto" disabled={bodies.length === 0 || sending} onClick={() => void send()}>
          {sending ? "Sending…" : bodies.length > 0 ? `Send as ${bodies.length} siblings` : "Send as siblings"}
        </Button>
      </div>
      {!canSend ? (
        <p className="mt-1.5 text-zinc-500 dark:text-zinc-400">Type the message first.</p>
      ) : typeof plan === "string" ? (
        <p className="mt-1.5 text-zinc-500 dark:text-zinc-400">{plan}</p>
      ) : null}
      {outcome ? (
        <p role="alert" className="mt-1.5 text-amber-700 dark:text-amber-400">
          {outcome}
        </p>
      ) : null}
    </div>
  );
}
