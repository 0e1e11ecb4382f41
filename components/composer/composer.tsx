"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { ArborError } from "@/lib/contracts/errors";
import { api } from "@/lib/client/api";
import type { CreateNodeBody, RequestedContextMode } from "@/lib/contracts/nodes";
import { functionOutputsInput, inputImages, inputText, userMessageInput } from "@/lib/responses/input";
import { isRunning } from "@/lib/tree/node-status";
import type { TreeIndex } from "@/lib/tree/tree-index";
import type { NodeDetail } from "@/lib/contracts/nodes";
import type { Tree } from "@/lib/contracts/trees";
import { settingsSummary } from "@/lib/client/composer/badges";
import { buildRequestFragment } from "@/lib/client/composer/fragment";
import { queryKeys } from "@/lib/client/queries";
import type { ComposerMode } from "@/lib/client/explorer-store";
import { Button } from "@/components/ui/button";
import { RefreshIcon, SendIcon, StopIcon } from "@/components/ui/icons";
import { useExplorer } from "@/lib/client/explorer-context";
import type { CreateOutcome, useCreateNode } from "@/lib/client/use-create-node";
import { ComposerNotices, type ComposerError } from "./composer-notices";
import { COMPOSER_INPUT_ID } from "@/lib/client/focus";
import { FunctionOutputs, missingOutputs, plural } from "./function-outputs";
import { AttachImageButtons, type ImageAttachment } from "./image-attachments";
import { MessageInput } from "./message-input";
import { ContextModeSelect, ModelPicker, type ModelChoice } from "./model-picker";
import { SendAsGroup, targetOf } from "./send-as";
import { SettingsButton, SettingsPanel } from "./settings-panel";
import { useComposerSettings, useHostedTools } from "./use-composer-settings";
import { usePendingCalls } from "./use-pending-calls";
import { UploadsContext, useUploads } from "./use-vector-stores";

type Creator = ReturnType<typeof useCreateNode>;
type Draft = { text: string; images: ImageAttachment[] };

/** The input for a new node: always says which node it continues from, streams on send, keeps the text on failure. */
export function Composer({ tree, index, creator }: { tree: Tree; index: TreeIndex; creator: Creator }) {
  const client = useQueryClient();
  const selectedId = useExplorer((s) => s.selectedId);
  const mode = useExplorer((s) => s.composerMode);
  const setMode = useExplorer((s) => s.setComposerMode);
  const [text, setText] = useState("");
  const [choice, setChoice] = useState<ModelChoice>({ providerId: tree.providerId, model: tree.model });
  const [contextMode, setContextMode] = useState<RequestedContextMode>("auto");
  const [images, setImages] = useState<ImageAttachment[]>([]);
  const [imageError, setImageError] = useState<string | null>(null);
  const [error, setError] = useState<ComposerError | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const settingsButton = useRef<HTMLButtonElement>(null);
  const closeSettings = useCallback(() => setSettingsOpen(false), []);
  const { hostedTools, providerLabel } = useHostedTools(choice.providerId);
  const { settings, update, errors, saveNow, saveError } = useComposerSettings(tree, hostedTools);
  const uploads = useUploads(choice.providerId);
  const built = buildRequestFragment(settings, hostedTools);
  const firstProblem = Object.values(errors)[0];
  const blockedReason = firstProblem === undefined ? null : `Fix the tools and settings first: ${firstProblem}`;

  const selected = selectedId === null ? undefined : index.byId.get(selectedId);
  const effectiveMode: ComposerMode = selected ? mode : "root";
  const target = targetOf(effectiveMode, selected, index);
  const busy = creator.runningId !== null;
  const parent = target.parentId === null ? undefined : index.byId.get(target.parentId);
  const pending = usePendingCalls(effectiveMode === "continue" ? selected : undefined, index);
  const awaitingOutputs = pending.calls.length > 0;
  // Outputs typed for the selected node's calls; a new selection starts from empty boxes.
  const [outputs, setOutputs] = useState<{ nodeId: string | null; values: Record<string, string> }>({ nodeId: null, values: {} });
  const outputValues = outputs.nodeId === selectedId ? outputs.values : {};
  const missing = missingOutputs(pending.calls, outputValues);

  // Put back what the user typed and attached when a send did not go through.
  function restoreDraft(draft: Draft) {
    setText((current) => (current === "" ? draft.text : current));
    setImages((current) => (current.length === 0 ? draft.images : current));
  }

  function submit(body: CreateNodeBody, restore: Draft): Promise<boolean> {
    return submitOutcome(creator.create(body), restore);
  }

  async function submitOutcome(creation: Promise<CreateOutcome>, restore: Draft): Promise<boolean> {
    setError(null);
    const outcome = await creation;
    if ("error" in outcome) {
      const err = outcome.error;
      setError({
        title: outcome.node ? "The stream was interrupted" : "Could not send",
        message: err.message,
        code: err instanceof ArborError ? err.code : undefined,
      });
      if (!outcome.node) restoreDraft(restore);
      return false;
    }
    const node = outcome.node;
    if (node.status === "failed") {
      setError({
        title: "The model call failed",
        message: `${(node.error?.message ?? "No details were given").replace(/\.?$/, ".")} Your message is back in the box: send it again as a sibling, or use Retry in the inspector.`,
        code: node.error?.code,
      });
      restoreDraft(restore);
      setMode("edit");
      return false;
    }
    setMode("continue");
    return true;
  }

  const canSend = (text.trim() !== "" || images.length > 0) && blockedReason === null;

  function send() {
    const draft = { text, images };
    if (!canSend || busy || !built.ok) return;
    setText("");
    setImages([]);
    setImageError(null);
    void saveNow();
    const input = userMessageInput(draft.text, draft.images.map((image) => image.url));
    void submit({ parentId: target.parentId, input, providerId: choice.providerId, model: choice.model, contextMode, ...built.fragment }, draft);
  }

  function sendOutputs() {
    if (!selected || busy || !built.ok || missing > 0) return;
    void saveNow();
    const input = functionOutputsInput(pending.calls, outputValues);
    void submit(
      { parentId: selected.id, input, providerId: choice.providerId, model: choice.model, contextMode, ...built.fragment },
      { text: "", images: [] },
    );
  }

  function loadNode(id: string): Promise<NodeDetail> {
    return client.fetchQuery({ queryKey: queryKeys.node(id), queryFn: () => api.node(id) });
  }

  async function startEdit() {
    if (!selected) return;
    setMode("edit");
    setError(null);
    try {
      const { input } = await loadNode(selected.id);
      setText(inputText(input) || selected.inputPreview);
      setImages(inputImages(input).map((url, i) => ({ id: `edit-${selected.id}-${i}`, url, name: `image ${i + 1}` })));
    } catch {
      setText(selected.inputPreview);
    }
    document.getElementById(COMPOSER_INPUT_ID)?.focus();
  }

  async function regenerate() {
    if (!selected || busy) return;
    setError(null);
    try {
      // Same input, same tools and parameters as the node it repeats: the server repeats it (as Retry does).
      await submitOutcome(creator.repeat(selected.id, { contextMode }), { text: "", images: [] });
    } catch (err) {
      setError({ title: "Could not regenerate", message: err instanceof Error ? err.message : String(err) });
    }
  }

  async function stop() {
    try {
      await creator.stop();
    } catch (err) {
      setError({ title: "Could not stop the node", message: err instanceof Error ? err.message : String(err) });
    }
  }

  return (
    <section aria-label="Composer" className="@container relative border-t border-zinc-200 bg-white px-4 pt-2.5 pb-3 dark:border-zinc-800 dark:bg-zinc-950">
      <div className="mb-2 flex items-center gap-3">
        <SendAsGroup mode={effectiveMode} hasSelection={selected !== undefined} onChoose={(m) => (m === "edit" ? void startEdit() : setMode(m))} />
        <p id="composer-target" className="min-w-0 flex-1 truncate text-xs text-zinc-500 dark:text-zinc-400" data-testid="composer-target">
          <span className="font-medium text-zinc-700 dark:text-zinc-300">{target.label}</span> {target.detail}
        </p>
        <SettingsButton
          badges={settingsSummary(settings, hostedTools)}
          invalid={firstProblem !== undefined}
          open={settingsOpen}
          onToggle={() => setSettingsOpen((open) => !open)}
          buttonRef={settingsButton}
        />
      </div>
      {settingsOpen ? (
        <UploadsContext value={uploads}>
          <SettingsPanel
            settings={settings}
            update={update}
            errors={errors}
            hostedTools={hostedTools}
            providerId={choice.providerId}
            providerLabel={providerLabel}
            saveError={saveError}
            onClose={closeSettings}
            buttonRef={settingsButton}
          />
        </UploadsContext>
      ) : null}

      <div className="rounded-lg border border-zinc-200 bg-white shadow-xs transition-[border-color,box-shadow] focus-within:border-indigo-400 focus-within:ring-3 focus-within:ring-indigo-500/15 dark:border-zinc-800 dark:bg-zinc-900 dark:focus-within:border-indigo-500">
        {awaitingOutputs ? (
          <FunctionOutputs
            calls={pending.calls}
            answeredBranches={pending.answeredBranches}
            values={outputValues}
            onChange={(callId, output) => setOutputs({ nodeId: selectedId, values: { ...outputValues, [callId]: output } })}
            onSubmit={sendOutputs}
            firstInputId={COMPOSER_INPUT_ID}
          />
        ) : (
          <MessageInput
            text={text}
            onText={setText}
            images={images}
            onImages={setImages}
            onImageError={setImageError}
            onSend={send}
            placeholder={index.byId.size === 0 ? "Type a message to start" : effectiveMode === "root" ? "Start a new conversation…" : "Ask a follow-up…"}
          />
        )}
        <div className="flex items-center gap-2 px-2 pt-1 pb-2">
          <ModelPicker value={choice} onChange={setChoice} />
          <ContextModeSelect value={contextMode} onChange={setContextMode} />
          {awaitingOutputs ? null : <AttachImageButtons onAdd={(added) => setImages((current) => [...current, ...added])} onError={setImageError} />}
          <span id="composer-hint" className="hidden truncate text-[11px] text-zinc-400 @3xl:inline dark:text-zinc-500">
            Enter to send · Shift+Enter for a new line
          </span>
          <div className="ml-auto flex items-center gap-1.5">
            {selected ? (
              <Button
                size="sm"
                variant="ghost"
                onClick={() => void regenerate()}
                disabled={busy || isRunning(selected)}
                aria-label="Regenerate: a sibling with the same input and parent"
                title="Ask again: a sibling with the same input and parent"
              >
                <RefreshIcon /> <span className="hidden @lg:inline">Regenerate</span>
              </Button>
            ) : null}
            {busy ? (
              <Button size="sm" variant="secondary" onClick={() => void stop()} aria-label="Stop generating">
                <StopIcon /> Stop
              </Button>
            ) : awaitingOutputs ? (
              <Button
                size="sm"
                variant="primary"
                onClick={sendOutputs}
                disabled={missing > 0 || blockedReason !== null}
                title={missing > 0 ? `Fill in ${plural(missing, "output")} to send` : "Ctrl+Enter sends from an output box"}
              >
                <SendIcon /> {pending.calls.length === 1 ? "Send output" : "Send outputs"}
              </Button>
            ) : (
              <Button size="sm" variant="primary" onClick={send} disabled={!canSend}>
                <SendIcon /> Send
              </Button>
            )}
          </div>
        </div>
      </div>
      <ComposerNotices
        blockedReason={blockedReason}
        onOpenSettings={settingsOpen ? null : () => setSettingsOpen(true)}
        replayNote={Boolean(parent && !parent.store && contextMode !== "replay" && effectiveMode !== "root")}
        imageError={imageError}
        error={error}
        onDismiss={() => setError(null)}
      />
    </section>
  );
}
