"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, type KeyboardEvent } from "react";
import { ArborError } from "@/lib/errors";
import { api, type ContextModeChoice, type CreateNodeBody } from "@/lib/api/client";
import { inputText } from "@/lib/responses/summary";
import { isRunning, type TreeIndex } from "@/lib/tree/graph";
import type { NodeSummary, Tree } from "@/lib/tree/types";
import { queryKeys } from "@/lib/ui/queries";
import type { ComposerMode } from "@/lib/ui/store";
import { Button, focusRing } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/feedback";
import { RefreshIcon, SendIcon, StopIcon } from "@/components/ui/icons";
import { useExplorer } from "@/components/explorer/store-context";
import type { useCreateNode } from "@/components/explorer/use-create-node";
import { COMPOSER_INPUT_ID } from "./focus";
import { ContextModeSelect, ModelPicker, type ModelChoice } from "./model-picker";

type Creator = ReturnType<typeof useCreateNode>;
type ComposerError = { title: string; message: string; code?: string };

/** Where the next node goes and what the composer says about it. */
function targetOf(mode: ComposerMode, selected: NodeSummary | undefined, index: TreeIndex) {
  if (!selected || mode === "root") return { parentId: null, label: "New root", detail: "starts a separate conversation" };
  if (mode === "edit") {
    const parent = selected.parentId === null ? undefined : index.byId.get(selected.parentId);
    return {
      parentId: selected.parentId,
      label: "Edit as a sibling of",
      detail: `“${selected.inputPreview}”${parent ? "" : " (a new root)"}`,
    };
  }
  return { parentId: selected.id, label: "Continue from", detail: `“${selected.inputPreview || selected.id}”` };
}

/** The input for a new node: always says which node it continues from, streams on send, keeps the text on failure. */
export function Composer({ tree, index, creator }: { tree: Tree; index: TreeIndex; creator: Creator }) {
  const client = useQueryClient();
  const selectedId = useExplorer((s) => s.selectedId);
  const mode = useExplorer((s) => s.composerMode);
  const setMode = useExplorer((s) => s.setComposerMode);
  const [text, setText] = useState("");
  const [choice, setChoice] = useState<ModelChoice>({ providerId: tree.providerId, model: tree.model });
  const [contextMode, setContextMode] = useState<ContextModeChoice>("auto");
  const [error, setError] = useState<ComposerError | null>(null);

  const selected = selectedId === null ? undefined : index.byId.get(selectedId);
  const effectiveMode: ComposerMode = selected ? mode : "root";
  const target = targetOf(effectiveMode, selected, index);
  const busy = creator.runningId !== null;
  const parent = target.parentId === null ? undefined : index.byId.get(target.parentId);

  async function submit(body: CreateNodeBody, restore: string) {
    setError(null);
    const outcome = await creator.create(body);
    if ("error" in outcome) {
      const err = outcome.error;
      setError({
        title: outcome.node ? "The stream was interrupted" : "Could not send",
        message: err.message,
        code: err instanceof ArborError ? err.code : undefined,
      });
      if (!outcome.node) setText((current) => (current === "" ? restore : current));
      return;
    }
    const node = outcome.node;
    if (node.status === "failed") {
      setError({
        title: "The model call failed",
        message: `${(node.error?.message ?? "No details were given").replace(/\.?$/, ".")} Your message is back in the box: send it again as a sibling, or use Retry in the inspector.`,
        code: node.error?.code,
      });
      setText((current) => (current === "" ? restore : current));
      setMode("edit");
      return;
    }
    setMode("continue");
  }

  function send() {
    const message = text;
    if (message.trim() === "" || busy) return;
    setText("");
    void submit(
      { parentId: target.parentId, input: message, providerId: choice.providerId, model: choice.model, contextMode },
      message,
    );
  }

  async function loadInput(node: NodeSummary): Promise<unknown[]> {
    const detail = await client.fetchQuery({ queryKey: queryKeys.node(node.id), queryFn: () => api.node(node.id) });
    return detail.input;
  }

  async function startEdit() {
    if (!selected) return;
    setMode("edit");
    setError(null);
    try {
      setText(inputText(await loadInput(selected)) || selected.inputPreview);
    } catch {
      setText(selected.inputPreview);
    }
    document.getElementById(COMPOSER_INPUT_ID)?.focus();
  }

  async function regenerate() {
    if (!selected || busy) return;
    setError(null);
    try {
      const input = await loadInput(selected);
      await submit(
        { parentId: selected.parentId, input, providerId: selected.providerId, model: selected.model, contextMode },
        "",
      );
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

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  const modes: { value: ComposerMode; label: string; hint: string; disabled: boolean }[] = [
    { value: "continue", label: "Continue", hint: "Send as a child of the selected node", disabled: !selected },
    { value: "edit", label: "Edit", hint: "Edit the selected turn: sending creates a sibling with the new text", disabled: !selected },
    { value: "root", label: "New root", hint: "Start a separate conversation in this tree", disabled: false },
  ];

  return (
    <section aria-label="Composer" className="@container border-t border-zinc-200 bg-white px-4 pt-2.5 pb-3 dark:border-zinc-800 dark:bg-zinc-950">
      <div className="mb-2 flex items-center gap-3">
        <div role="group" aria-label="Send as" className="flex shrink-0 rounded-md bg-zinc-100 p-0.5 dark:bg-zinc-900">
          {modes.map((m) => (
            <button
              key={m.value}
              type="button"
              aria-pressed={effectiveMode === m.value}
              disabled={m.disabled}
              title={m.hint}
              onClick={() => (m.value === "edit" ? void startEdit() : setMode(m.value))}
              className={`h-6 rounded px-2 text-[11.5px] font-medium transition-colors disabled:opacity-40 ${focusRing} ${
                effectiveMode === m.value
                  ? "bg-white text-zinc-900 shadow-xs dark:bg-zinc-800 dark:text-zinc-100"
                  : "text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200"
              }`}
            >
              {m.label}
            </button>
          ))}
        </div>
        <p id="composer-target" className="min-w-0 truncate text-xs text-zinc-500 dark:text-zinc-400" data-testid="composer-target">
          <span className="font-medium text-zinc-700 dark:text-zinc-300">{target.label}</span> {target.detail}
        </p>
      </div>

      <div className="rounded-lg border border-zinc-200 bg-white shadow-xs transition-[border-color,box-shadow] focus-within:border-indigo-400 focus-within:ring-3 focus-within:ring-indigo-500/15 dark:border-zinc-800 dark:bg-zinc-900 dark:focus-within:border-indigo-500">
        <label htmlFor={COMPOSER_INPUT_ID} className="sr-only">
          Message
        </label>
        <textarea
          id={COMPOSER_INPUT_ID}
          aria-describedby="composer-target composer-hint"
          rows={2}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder={index.byId.size === 0 ? "Type a message to start" : effectiveMode === "root" ? "Start a new conversation…" : "Ask a follow-up…"}
          className="block max-h-40 min-h-[52px] w-full resize-none bg-transparent px-3 pt-2.5 text-[13.5px] leading-5 text-zinc-900 outline-none placeholder:text-zinc-400 dark:text-zinc-100 dark:placeholder:text-zinc-500"
        />
        <div className="flex items-center gap-2 px-2 pt-1 pb-2">
          <ModelPicker value={choice} onChange={setChoice} />
          <ContextModeSelect value={contextMode} onChange={setContextMode} />
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
            ) : (
              <Button size="sm" variant="primary" onClick={send} disabled={text.trim() === ""}>
                <SendIcon /> Send
              </Button>
            )}
          </div>
        </div>
      </div>
      {parent && !parent.store && contextMode !== "replay" && effectiveMode !== "root" ? (
        <p className="mt-1.5 text-[11px] text-amber-700 dark:text-amber-400">
          The parent was created with store: false, so the provider cannot chain to it; its history will be replayed.
        </p>
      ) : null}
      {error ? (
        <div className="mt-2">
          <ErrorBanner
            title={error.title}
            message={error.message}
            code={error.code}
            action={
              <Button size="sm" variant="ghost" onClick={() => setError(null)}>
                Dismiss
              </Button>
            }
          />
        </div>
      ) : null}
    </section>
  );
}
