"use client";

import { useEffect, useRef, useState } from "react";
import type { CreateNodeBody, RequestedContextMode } from "@/lib/contracts/nodes";
import type { Tree } from "@/lib/contracts/trees";
import { userMessageInput } from "@/lib/responses/input";
import { isCompactedRoot } from "@/lib/responses/compacted";
import { isRunning } from "@/lib/tree/node-status";
import type { TreeIndex } from "@/lib/tree/tree-index";
import { buildRequestFragment } from "@/lib/client/composer/fragment";
import { useExplorer } from "@/lib/client/explorer-context";
import type { ComposerMode } from "@/lib/client/explorer-store";
import { COMPOSER_INPUT_ID, focusComposer, onComposerCommand } from "@/lib/client/focus";
import { focusRing } from "@/components/ui/button";
import { ComposerActions } from "./composer-actions";
import { ComposerNotices } from "./composer-notices";
import { FanOutPanel } from "./fan-out";
import { FunctionOutputs } from "./function-outputs";
import { AttachImageButtons } from "./image-attachments";
import { MessageInput } from "./message-input";
import { ContextModeSelect, ModelPicker, type ModelChoice } from "./model-picker";
import { SendAsGroup, targetOf } from "./send-as";
import { SettingsControl } from "./settings-panel";
import { TokenEstimate } from "./token-estimate";
import { useComposerSettings, useHostedTools } from "./use-composer-settings";
import { useDraft } from "./use-draft";
import { useFunctionOutputs } from "./use-function-outputs";
import { useNodeSender } from "./use-node-sender";

/**
 * The input for a new node: always says which node it continues from, streams on send, keeps the text on failure.
 * Its concerns live in hooks of their own: the draft, the function outputs, the settings, and sending.
 */
export function Composer({ tree, index }: { tree: Tree; index: TreeIndex }) {
  const selectedId = useExplorer((s) => s.selectedId);
  const mode = useExplorer((s) => s.composerMode);
  const setMode = useExplorer((s) => s.setComposerMode);
  const [choice, setChoice] = useState<ModelChoice>({ providerId: tree.providerId, model: tree.model });
  const [contextMode, setContextMode] = useState<RequestedContextMode>("auto");
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [fanOutOpen, setFanOutOpen] = useState(false);

  const { hostedTools, providerLabel } = useHostedTools(choice.providerId);
  const { settings, update, errors, saveNow, saveError } = useComposerSettings(tree, hostedTools);
  const built = buildRequestFragment(settings, hostedTools);
  const firstProblem = Object.values(errors)[0];
  const blockedReason = firstProblem === undefined ? null : `Fix the tools and settings first: ${firstProblem}`;

  const selected = selectedId === null ? undefined : index.byId.get(selectedId);
  const effectiveMode: ComposerMode = selected ? mode : "root";
  const target = targetOf(effectiveMode, selected, index);
  const parent = target.parentId === null ? undefined : index.byId.get(target.parentId);
  const draft = useDraft();
  // The box held the text of the node being edited: when another node is selected, that text goes (the mode resets
  // in the store), so Edit never sends one node's words as a sibling of another.
  const [editedId, setEditedId] = useState<string | null>(null);
  if (editedId !== null && editedId !== selectedId) {
    setEditedId(null);
    draft.clear();
  }
  const outputs = useFunctionOutputs(effectiveMode === "continue" ? selected : undefined, index);
  const awaitingOutputs = outputs.calls.length > 0;
  const sender = useNodeSender(tree.id, { providerLabel, restore: draft.restore });
  const canSend = awaitingOutputs ? outputs.missing === 0 && blockedReason === null : !draft.isEmpty && blockedReason === null;

  /** A node body with the composer's model, context mode, tools and parameters. */
  function bodyFor(parentId: string | null, input: CreateNodeBody["input"]): CreateNodeBody | null {
    if (!built.ok) return null;
    return { parentId, input, providerId: choice.providerId, model: choice.model, contextMode, ...built.fragment };
  }

  function send(parentId = target.parentId) {
    if (!canSend || sender.busy || !built.ok) return;
    const taken = draft.take();
    void saveNow();
    const body = bodyFor(parentId, userMessageInput(taken.text, taken.images.map((image) => image.url)));
    if (body) void sender.submit({ create: body }, taken);
  }

  function sendOutputs() {
    if (!selected || !canSend || sender.busy) return;
    void saveNow();
    const body = bodyFor(selected.id, outputs.input());
    if (body) void sender.submit({ create: body }, null);
  }

  async function startEdit() {
    if (!selected) return;
    setMode("edit");
    sender.dismiss();
    setEditedId(selected.id);
    await draft.loadFrom(selected);
    focusComposer();
  }

  function regenerate() {
    // Same input, same tools and parameters as the node it repeats: the server repeats it (as Retry does).
    // A compacted root is no call to ask again (compact its source once more instead).
    if (selected && !sender.busy && !isCompactedRoot(selected)) void sender.submit({ repeat: selected.id, body: { contextMode } }, null);
  }

  // E and R (and the thread view's buttons) ask for an edit or a regenerate of the selected node.
  const commands = useRef({ startEdit, regenerate });
  useEffect(() => {
    commands.current = { startEdit, regenerate };
  });
  useEffect(
    () =>
      onComposerCommand((command) => {
        if (command === "edit") void commands.current.startEdit();
        else commands.current.regenerate();
      }),
    [],
  );

  function retry() {
    const again = sender.error?.retry;
    if (!again) return;
    if ("resendTo" in again) send(again.resendTo);
    else void sender.submit(again, null);
  }

  return (
    <section aria-label="Composer" className="@container relative border-t border-zinc-200 bg-white px-4 pt-2.5 pb-3 dark:border-zinc-800 dark:bg-zinc-950">
      <div className="mb-2 flex items-center gap-3">
        <SendAsGroup mode={effectiveMode} hasSelection={selected !== undefined} onChoose={(m) => (m === "edit" ? void startEdit() : setMode(m))} />
        <p id="composer-target" className="min-w-0 flex-1 truncate text-xs text-zinc-500 dark:text-zinc-400" data-testid="composer-target">
          <span className="font-medium text-zinc-700 dark:text-zinc-300">{target.label}</span> {target.detail}
        </p>
        <SettingsControl
          open={settingsOpen}
          onOpenChange={setSettingsOpen}
          settings={settings}
          update={update}
          errors={errors}
          hostedTools={hostedTools}
          providerId={choice.providerId}
          providerLabel={providerLabel}
          saveError={saveError}
        />
      </div>

      {fanOutOpen && !awaitingOutputs ? (
        <FanOutPanel
          treeId={tree.id}
          canSend={canSend}
          bodyFor={() => bodyFor(target.parentId, userMessageInput(draft.text, draft.images.map((image) => image.url)))}
          onSent={() => {
            draft.take();
            void saveNow();
          }}
        />
      ) : null}
      <div className="rounded-lg border border-zinc-200 bg-white shadow-xs transition-[border-color,box-shadow] focus-within:border-indigo-400 focus-within:ring-3 focus-within:ring-indigo-500/15 dark:border-zinc-800 dark:bg-zinc-900 dark:focus-within:border-indigo-500">
        {awaitingOutputs ? (
          <FunctionOutputs
            calls={outputs.calls}
            answeredBranches={outputs.answeredBranches}
            values={outputs.values}
            onChange={outputs.setOutput}
            onSubmit={sendOutputs}
            firstInputId={COMPOSER_INPUT_ID}
          />
        ) : (
          <MessageInput
            text={draft.text}
            onText={draft.setText}
            images={draft.images}
            onImages={draft.changeImages}
            onImageError={draft.setImageError}
            onSend={() => send()}
            autoFocus={index.byId.size === 0}
            placeholder={index.byId.size === 0 ? "Type a message to start" : effectiveMode === "root" ? "Start a new conversation…" : "Ask a follow-up…"}
          />
        )}
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1.5 px-2 pt-1 pb-2">
          <ModelPicker value={choice} onChange={setChoice} />
          <ContextModeSelect value={contextMode} onChange={setContextMode} />
          {awaitingOutputs ? null : (
            <button
              type="button"
              aria-expanded={fanOutOpen}
              onClick={() => setFanOutOpen((open) => !open)}
              title="Send this message to several models, several times, or across a parameter's values, as siblings"
              className={`h-7 rounded-md px-2 text-xs whitespace-nowrap text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800 ${focusRing} ${fanOutOpen ? "bg-zinc-100 dark:bg-zinc-800" : ""}`}
            >
              Fan out…
            </button>
          )}
          {awaitingOutputs ? null : <AttachImageButtons onAdd={(added) => draft.changeImages((current) => [...current, ...added])} onError={draft.setImageError} />}
          <span id="composer-hint" className="hidden truncate text-[11px] text-zinc-400 @3xl:inline dark:text-zinc-500">
            Enter to send · Shift+Enter for a new line
          </span>
          <ComposerActions
            canRegenerate={selected && !isCompactedRoot(selected) ? !sender.busy && !isRunning(selected) : null}
            onRegenerate={regenerate}
            busy={sender.busy}
            onStop={() => void sender.stop()}
            outputs={awaitingOutputs ? { count: outputs.calls.length, missing: outputs.missing } : null}
            canSend={canSend}
            onSend={awaitingOutputs ? sendOutputs : () => send()}
          />
        </div>
      </div>
      <TokenEstimate
        treeId={tree.id}
        body={awaitingOutputs || draft.isEmpty ? null : bodyFor(target.parentId, userMessageInput(draft.text, draft.images.map((image) => image.url)))}
      />
      <ComposerNotices
        blockedReason={blockedReason}
        onOpenSettings={settingsOpen ? null : () => setSettingsOpen(true)}
        replayNote={Boolean(parent && !parent.store && contextMode !== "replay" && effectiveMode !== "root")}
        imageError={draft.imageError}
        error={sender.error}
        onRetry={sender.busy ? null : retry}
        onDismiss={sender.dismiss}
      />
    </section>
  );
}
