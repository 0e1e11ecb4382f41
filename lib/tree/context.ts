import type { ContextMode, RequestedContextMode } from "@/lib/contracts/nodes";
import type { InputItem, Response } from "@/lib/responses/types";

/** What context assembly needs to know of a node on the branch. */
export type BranchNode = {
  id: string;
  providerId: string;
  input: readonly InputItem[];
  responseId: string | null;
  store: boolean;
  /** The final Response (only its output is used). */
  response: Pick<Response, "output"> | null;
};

/** The fields of a node (a saved row, an export's node) that context assembly reads. */
export function toBranchNode(node: BranchNode): BranchNode {
  return { id: node.id, providerId: node.providerId, input: node.input, responseId: node.responseId, store: node.store, response: node.response };
}

/** How a new node's history reaches the model. */
export type ContextPlan = {
  mode: ContextMode;
  previousResponseId: string | null;
  /** The `input` to send upstream. */
  input: InputItem[];
  /** Why this mode was chosen (shown in the UI). */
  reason: string;
};

/** Whether a branch can be continued on the provider's side: the parent has a stored response there. */
export function canChain(
  parent: BranchNode,
  providerId: string,
  capabilities: { store: boolean; previousResponseId: boolean },
): { ok: true } | { ok: false; reason: string } {
  if (!capabilities.previousResponseId || !capabilities.store) return { ok: false, reason: "the provider does not keep responses" };
  if (parent.providerId !== providerId) return { ok: false, reason: "the parent was answered by another provider" };
  if (!parent.responseId) return { ok: false, reason: "the parent has no stored response" };
  if (!parent.store) return { ok: false, reason: "the parent was created with store: false" };
  return { ok: true };
}

/** The output items of a node's response, verbatim (reasoning encrypted_content included). */
export function outputItems(node: BranchNode): InputItem[] {
  const output = node.response?.output;
  // Output items go back as input verbatim: the API takes each output item type as an input item.
  return Array.isArray(output) ? (output as unknown as InputItem[]) : [];
}

/** Replay input: for each ancestor (root first) its input then its output items, then the new input. */
export function assembleReplayInput(branch: readonly BranchNode[], input: readonly InputItem[]): InputItem[] {
  const items: InputItem[] = [];
  for (const node of branch) items.push(...node.input, ...outputItems(node));
  items.push(...input);
  return items;
}

/**
 * Choose chain or replay for a new child of the last node of `branch` (root first; empty for a new root).
 * `auto` chains when the provider keeps the parent's response, and replays otherwise.
 */
export function planContext(options: {
  branch: readonly BranchNode[];
  input: readonly InputItem[];
  requested: RequestedContextMode;
  providerId: string;
  capabilities: { store: boolean; previousResponseId: boolean };
}): ContextPlan | { error: string } {
  const { branch, input, requested, providerId, capabilities } = options;
  const parent = branch.at(-1);
  if (!parent) return { mode: "chain", previousResponseId: null, input: [...input], reason: "a new root has no history" };

  const chainable = canChain(parent, providerId, capabilities);
  if (requested === "chain" && !chainable.ok) return { error: `Cannot continue with previous_response_id: ${chainable.reason}.` };
  if (requested !== "replay" && chainable.ok) {
    return {
      mode: "chain",
      previousResponseId: parent.responseId,
      input: [...input],
      reason: `previous_response_id = ${parent.responseId}`,
    };
  }
  const replayed = assembleReplayInput(branch, input);
  const why = requested === "replay" ? "replay was asked for" : chainable.ok ? "" : chainable.reason;
  return {
    mode: "replay",
    previousResponseId: null,
    input: replayed,
    reason: `${replayed.length - input.length} earlier items re-sent (${why})`,
  };
}
