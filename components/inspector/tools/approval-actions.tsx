"use client";

import type { ApprovalAnswer } from "@/lib/responses/approvals";
import { useExplorer } from "@/lib/client/explorer-context";
import { Button } from "@/components/ui/button";
import { Field } from "./fields";

type Props = {
  requestId: string;
  /** How the node's children answered this request so far, one per branch. */
  answers: readonly ApprovalAnswer[];
  /** Answer it in a new child node; null for someone who may only read. */
  onAnswer: ((approve: boolean) => void) | null;
  busy: boolean;
  /** Why the last answer could not be sent. */
  error: string | null;
};

/**
 * Under an `mcp_approval_request` card: Approve and Deny, each making a child node whose input is the
 * `mcp_approval_response` (so one branch may approve and another deny), and the branches that answered already.
 */
export function McpApprovalActions({ requestId, answers, onAnswer, busy, error }: Props) {
  const select = useExplorer((s) => s.select);
  return (
    <Field label="Approval (each answer is a turn of its own)">
      {answers.length > 0 ? (
        <ul className="mb-2 space-y-1 text-xs" aria-label={`Answers to ${requestId}`}>
          {answers.map((answer) => (
            <li key={answer.nodeId} className="flex items-center gap-1.5">
              <span className={answer.approve ? "font-medium text-emerald-700 dark:text-emerald-400" : "font-medium text-red-700 dark:text-red-400"}>
                {answer.approve ? "Approved" : "Denied"}
              </span>
              {answer.reason ? <span className="min-w-0 truncate text-zinc-500 dark:text-zinc-400">· {answer.reason}</span> : null}
              <button type="button" className="ml-auto shrink-0 text-indigo-700 hover:underline dark:text-indigo-300" onClick={() => select(answer.nodeId)}>
                Go to that branch
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-2 text-xs text-amber-700 dark:text-amber-400">Not answered yet: the call runs only once a turn approves it.</p>
      )}
      {onAnswer ? (
        <div className="flex gap-2">
          <Button size="sm" variant="secondary" disabled={busy} onClick={() => onAnswer(true)} aria-label={`Approve ${requestId} in a new branch`}>
            Approve
          </Button>
          <Button size="sm" variant="danger" disabled={busy} onClick={() => onAnswer(false)} aria-label={`Deny ${requestId} in a new branch`}>
            Deny
          </Button>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="mt-2 text-xs text-red-600 dark:text-red-400">
          Could not send the answer: {error}
        </p>
      ) : null}
    </Field>
  );
}
