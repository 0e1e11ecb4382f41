import { estimateTokens } from "../core/tokens";
import type { TurnStep } from "../core/turn";
import type { ModelContext } from "../core/types";
import { includes } from "./offered";

// Reasoning tokens spent per effort level (the plan is fixed, the "thinking" budget follows the effort asked for).
const EFFORT_TOKENS: Record<string, number> = { minimal: 8, low: 24, medium: 64, high: 160, xhigh: 320, max: 480 };

/** The reasoning step before `steps`, or null when the request asks for no reasoning. */
export function reasoningStep(context: ModelContext, question: string, steps: readonly TurnStep[]): TurnStep | null {
  const effort = context.reasoning?.effort;
  if (!effort || effort === "none") return null;
  const plan = describePlan(question, steps);
  const summary = context.reasoning?.summary ? `**Planning the answer**\n\n${plan}` : null;
  // Nothing secret here: the "encrypted" content is the plan in base64, so a client can replay it as OpenAI's would.
  const encryptedContent = includes(context, "reasoning.encrypted_content") ? Buffer.from(plan).toString("base64") : null;
  return { type: "reasoning", summary, tokens: (EFFORT_TOKENS[effort] ?? 64) + estimateTokens(plan), encryptedContent };
}

function describePlan(question: string, steps: readonly TurnStep[]): string {
  const asked = question ? `The user asked: "${question.replace(/\s+/g, " ").slice(0, 200)}". ` : "There is no user message. ";
  const usesTools = steps.some((step) => step.type !== "message");
  const actions = steps.map((step) => {
    switch (step.type) {
      case "web_search":
        return `search the offline web corpus for "${step.query}" and quote the best sentences with their sources`;
      case "function_call":
        return `call the function \`${step.name}\` with arguments built from its JSON schema`;
      case "code_interpreter":
        return "run a short Python computation and report its result";
      case "message":
        return usesTools ? "write the answer from what the tool returned" : "answer with a rule-based message";
      case "reasoning":
        return "think";
    }
  });
  const unique = [...new Set(actions)];
  return `${asked}I will ${unique.join(", then ")}. I am a deterministic offline model, so this plan comes from fixed rules.`;
}
