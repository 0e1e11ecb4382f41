"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { ArborError } from "@/lib/contracts/errors";
import { useImportTree } from "@/lib/client/mutations";
import { useProviders } from "@/lib/client/queries";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/feedback";

const RESPONSE_ID = /^resp_[A-Za-z0-9_-]+$/;

/** What the pasted text is: a response id to fetch, JSON to send, or text that is neither. */
export function readImportText(text: string): { responseId: string } | { data: unknown } | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { problem: "Paste an Arbor export, a Response JSON, its output array, or a resp_… id." };
  if (RESPONSE_ID.test(trimmed)) return { responseId: trimmed };
  try {
    return { data: JSON.parse(trimmed) as unknown };
  } catch (err) {
    return { problem: `This is not valid JSON (${err instanceof Error ? err.message : String(err)}), nor a resp_… id.` };
  }
}

/** "Import" button and its modal: paste JSON or a response id, get a new tree. */
export function ImportButton({ className = "" }: { className?: string }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="ghost"
        className={className}
        onClick={() => {
          setOpen(true);
          dialogRef.current?.showModal();
        }}
      >
        Import…
      </Button>
      <dialog
        ref={dialogRef}
        onClose={() => setOpen(false)}
        aria-labelledby="import-title"
        className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      >
        {open ? <ImportForm onDone={() => dialogRef.current?.close()} /> : null}
      </dialog>
    </>
  );
}

function ImportForm({ onDone }: { onDone: () => void }) {
  const providers = useProviders();
  const textId = useId();
  const providerFieldId = useId();
  const [text, setText] = useState("");
  const [providerId, setProviderId] = useState("offline");
  const [problem, setProblem] = useState<string | null>(null);
  const parsed = readImportText(text);
  const isId = "responseId" in parsed;

  const importTree = useImportTree();

  function submit(event: FormEvent) {
    event.preventDefault();
    if ("problem" in parsed) return setProblem(parsed.problem);
    setProblem(null);
    importTree.mutate("responseId" in parsed ? { responseId: parsed.responseId, providerId } : { data: parsed.data }, { onSuccess: onDone });
  }

  const error = importTree.error;
  return (
    <form onSubmit={submit} className="flex flex-col gap-4 p-5">
      <div>
        <h2 id="import-title" className="text-[15px] font-semibold">
          Import into a new tree
        </h2>
        <p className="mt-1 text-[13px] text-zinc-500 dark:text-zinc-400">
          An Arbor export, a Response JSON (the whole object or its <code className="font-mono">output</code> array), or a{" "}
          <code className="font-mono">resp_…</code> id to fetch with its chain from a provider that stores responses.
        </p>
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={textId} className="text-xs font-medium text-zinc-600 dark:text-zinc-300">
          JSON or response id
        </label>
        <textarea
          id={textId}
          autoFocus
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={10}
          spellCheck={false}
          placeholder='{"format": "arbor.tree", …}  or  resp_…'
          className="rounded-lg border border-zinc-200 bg-zinc-50 p-2.5 font-mono text-[12px] outline-none focus:border-indigo-400 focus:ring-3 focus:ring-indigo-500/15 dark:border-zinc-800 dark:bg-zinc-950"
        />
      </div>
      {isId ? (
        <div className="flex items-center gap-2">
          <label htmlFor={providerFieldId} className="text-xs font-medium text-zinc-600 dark:text-zinc-300">
            Fetch from
          </label>
          <select
            id={providerFieldId}
            value={providerId}
            onChange={(event) => setProviderId(event.target.value)}
            className="h-8 rounded-md border border-zinc-200 bg-white px-2 text-[13px] dark:border-zinc-800 dark:bg-zinc-900"
          >
            {(providers.data ?? [{ id: "offline", label: "Offline engine" }]).map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {problem ? <ErrorBanner title="Nothing imported" message={problem} /> : null}
      {error ? (
        <ErrorBanner title="Nothing imported" message={error.message} code={error instanceof ArborError ? error.code : undefined} />
      ) : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={importTree.isPending}>
          {importTree.isPending ? "Importing…" : isId ? "Fetch and import" : "Import"}
        </Button>
      </div>
    </form>
  );
}
