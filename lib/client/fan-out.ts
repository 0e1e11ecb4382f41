import type { CreateNodeBody, ReasoningEffort } from "@/lib/contracts/nodes";

/** One input sent N ways as N siblings: to several models, several times, or across a parameter's values. */
export type FanOutPlan =
  | { kind: "models"; choices: readonly { providerId: string; model: string }[] }
  | { kind: "samples"; count: number }
  | { kind: "temperature"; values: readonly number[] }
  | { kind: "reasoning"; efforts: readonly ReasoningEffort[] };

/** Most siblings one fan-out creates. */
export const MAX_FAN_OUT = 8;

/** The N node bodies of a fan-out, each labelled with what sets it apart (the label shows on its card). */
export function fanOutBodies(base: CreateNodeBody, plan: FanOutPlan): CreateNodeBody[] {
  const params = base.params ?? {};
  switch (plan.kind) {
    case "models":
      return plan.choices.slice(0, MAX_FAN_OUT).map((c) => ({ ...base, providerId: c.providerId, model: c.model, label: c.model }));
    case "samples": {
      const count = Math.min(MAX_FAN_OUT, Math.max(1, Math.floor(plan.count)));
      return Array.from({ length: count }, (_, i) => ({ ...base, label: `sample ${i + 1} of ${count}` }));
    }
    case "temperature":
      return plan.values.slice(0, MAX_FAN_OUT).map((t) => ({ ...base, params: { ...params, temperature: t }, label: `temperature ${t}` }));
    case "reasoning":
      return plan.efforts.slice(0, MAX_FAN_OUT).map((effort) => ({ ...base, params: { ...params, reasoning: { ...params.reasoning, effort } }, label: `reasoning ${effort}` }));
  }
}

/** Temperatures typed as "0, 0.7, 1.4": the numbers in range (0–2), or the reason there are none. */
export function parseTemperatures(text: string): number[] | string {
  const values = text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);
  if (values.length < 2) return "Give at least two temperatures, e.g. 0, 0.7, 1.4";
  if (values.some((v) => !Number.isFinite(v) || v < 0 || v > 2)) return "Temperatures go from 0 to 2";
  if (values.length > MAX_FAN_OUT) return `At most ${MAX_FAN_OUT} values`;
  return values;
}
