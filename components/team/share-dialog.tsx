"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { Share } from "@/lib/contracts/team";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ErrorBanner, Skeleton } from "@/components/ui/feedback";

const EXPIRY_CHOICES = [
  { value: "never", label: "Never", hours: null },
  { value: "1d", label: "In a day", hours: 24 },
  { value: "7d", label: "In a week", hours: 24 * 7 },
  { value: "30d", label: "In 30 days", hours: 24 * 30 },
] as const;

/** "Share" button and its dialog: read-only links to the tree or to the selected branch, listed and revocable. */
export function ShareButton({ treeId, selectedId }: { treeId: string; selectedId: string | null }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => {
          setOpen(true);
          dialogRef.current?.showModal();
        }}
      >
        Share
      </Button>
      <dialog
        ref={dialogRef}
        onClose={() => setOpen(false)}
        aria-labelledby="share-title"
        data-testid="share-dialog"
        className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      >
        {open ? <ShareForm treeId={treeId} selectedId={selectedId} onClose={() => dialogRef.current?.close()} /> : null}
      </dialog>
    </>
  );
}

function ShareForm({ treeId, selectedId, onClose }: { treeId: string; selectedId: string | null; onClose: () => void }) {
  const client = useQueryClient();
  const scopeName = useId();
  const expiryId = useId();
  const [scope, setScope] = useState<"tree" | "branch">(selectedId ? "branch" : "tree");
  const [expiry, setExpiry] = useState<(typeof EXPIRY_CHOICES)[number]["value"]>("7d");
  const shares = useQuery({ queryKey: queryKeys.shares(treeId), queryFn: () => api.shares(treeId) });
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.shares(treeId) });
  const create = useMutation({
    mutationFn: () => {
      const hours = EXPIRY_CHOICES.find((c) => c.value === expiry)?.hours ?? null;
      return api.createShare(treeId, {
        ...(scope === "branch" && selectedId ? { nodeId: selectedId } : {}),
        ...(hours ? { expiresAt: new Date(Date.now() + hours * 3_600_000).toISOString() } : {}),
      });
    },
    onSuccess: () => void refresh(),
  });
  const revoke = useMutation({ mutationFn: (id: string) => api.deleteShare(id), onSuccess: () => void refresh() });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <div className="flex flex-col gap-4 p-5">
      <div>
        <h2 id="share-title" className="text-[15px] font-semibold">
          Share a read-only link
        </h2>
        <p className="mt-1 text-[13px] text-zinc-500 dark:text-zinc-400">
          Anyone with the link can read it without signing in: the graph and the inspector, never keys, settings or other trees.
        </p>
      </div>
      <form onSubmit={submit} className="flex flex-col gap-3">
        <fieldset className="flex flex-col gap-1.5">
          <legend className="mb-1 text-xs font-medium text-zinc-700 dark:text-zinc-300">What the link shows</legend>
          <label className="flex items-center gap-2 text-[13px]">
            <input type="radio" name={scopeName} checked={scope === "tree"} onChange={() => setScope("tree")} className="accent-indigo-600" />
            The whole tree
          </label>
          <label className={`flex items-center gap-2 text-[13px] ${selectedId ? "" : "text-zinc-400 dark:text-zinc-600"}`}>
            <input type="radio" name={scopeName} checked={scope === "branch"} disabled={!selectedId} onChange={() => setScope("branch")} className="accent-indigo-600" />
            Only the branch from the root to the selected node{selectedId ? "" : " (select a node first)"}
          </label>
        </fieldset>
        <label htmlFor={expiryId} className="flex items-center justify-between gap-3 text-[13px]">
          <span className="text-xs font-medium text-zinc-700 dark:text-zinc-300">Expires</span>
          <select
            id={expiryId}
            value={expiry}
            onChange={(event) => setExpiry(event.target.value as typeof expiry)}
            className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-[13px] dark:border-zinc-700 dark:bg-zinc-950"
          >
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        {create.error ? <ErrorBanner title="Could not create the link" message={create.error.message} /> : null}
        {create.data ? <NewLink share={create.data} /> : null}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Close
          </Button>
          <Button type="submit" variant="primary" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create link"}
          </Button>
        </div>
      </form>
      <section aria-labelledby="share-list-title" className="border-t border-zinc-200 pt-3 dark:border-zinc-800">
        <h3 id="share-list-title" className="mb-2 text-xs font-medium text-zinc-700 dark:text-zinc-300">
          Links to this tree
        </h3>
        {shares.isPending ? (
          <Skeleton className="h-8" />
        ) : shares.isError ? (
          <ErrorBanner title="Could not list the links" message={shares.error.message} />
        ) : shares.data.length === 0 ? (
          <p className="text-[13px] text-zinc-500 dark:text-zinc-400">No links yet.</p>
        ) : (
          <ul className="flex flex-col gap-1.5" data-testid="share-list">
            {shares.data.map((share) => (
              <li key={share.id} className="flex items-center gap-2 text-[12.5px]">
                <span className="min-w-0 flex-1 truncate text-zinc-600 dark:text-zinc-400">
                  {share.nodeId ? "Branch" : "Whole tree"} · {share.expiresAt ? `expires ${new Date(share.expiresAt).toLocaleString()}` : "never expires"}
                </span>
                <CopyButton text={share.url} label="Copy link" />
                <Button size="sm" variant="danger" disabled={revoke.isPending} onClick={() => revoke.mutate(share.id)} aria-label={`Revoke the ${share.nodeId ? "branch" : "tree"} link`}>
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function NewLink({ share }: { share: Share }) {
  return (
    <div className="flex items-center gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-2.5 py-2 dark:border-emerald-900/60 dark:bg-emerald-950/30">
      <input
        readOnly
        aria-label="The new link"
        data-testid="share-url"
        value={share.url}
        onFocus={(event) => event.currentTarget.select()}
        className="min-w-0 flex-1 bg-transparent font-mono text-[12px] text-emerald-900 outline-none dark:text-emerald-200"
      />
      <CopyButton text={share.url} label="Copy" />
    </div>
  );
}
