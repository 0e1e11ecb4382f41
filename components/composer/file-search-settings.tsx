"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { FILE_SEARCH_EXTENSIONS, MAX_UPLOAD_BYTES, type VectorStoreFileInfo, type VectorStoreInfo } from "@/lib/contracts/providers";
import type { ComposerSettings } from "@/lib/client/composer/settings";
import { Button, focusRing, IconButton } from "@/components/ui/button";
import { CloseIcon, PlusIcon } from "@/components/ui/icons";
import { Field, TextInput } from "./fields";
import { useCreateVectorStore } from "@/lib/client/mutations";
import { useVectorStoreFiles, useVectorStores } from "@/lib/client/queries";
import { useUploadsContext, type UploadRow } from "./use-uploads";

type Update = (change: (settings: ComposerSettings) => ComposerSettings) => void;

const selectClass =
  "h-7 w-full min-w-0 rounded-md border bg-white px-1.5 text-xs text-zinc-800 dark:bg-zinc-900 dark:text-zinc-200";

const UploadIcon = () => (
  <svg width={14} height={14} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d="M8 10.5V2.5M5 5.5l3-3 3 3M2.5 10.5v2a1 1 0 0 0 1 1h9a1 1 0 0 0 1-1v-2" />
  </svg>
);

/** The vector store file search reads (picked from the provider's, or created here), its files, and uploads into it. */
export function FileSearchSettings({
  providerId,
  providerLabel,
  settings,
  update,
  error,
}: {
  providerId: string;
  providerLabel: string;
  settings: ComposerSettings;
  update: Update;
  error?: string;
}) {
  const id = useId();
  const stores = useVectorStores(providerId);
  const selectedId = settings.fileSearch.vectorStoreIds[0];
  const selected = stores.data?.find((store) => store.id === selectedId);
  const choose = (storeId: string) => update((s) => ({ ...s, fileSearch: { ...s.fileSearch, vectorStoreIds: storeId ? [storeId] : [] } }));
  const [creating, setCreating] = useState(false);
  const missing = selectedId !== undefined && stores.isSuccess && !selected;
  const extra = settings.fileSearch.vectorStoreIds.length - 1;

  const problem = error ?? (stores.isError ? `Could not list the stores: ${stores.error.message}` : undefined);
  const note = missing ? `Not found on ${providerLabel}` : extra > 0 ? `And ${extra} more saved with this tree` : undefined;

  return (
    <div className="space-y-2" data-testid="file-search-settings">
      {/* Laid out by hand rather than with Field: the button sits beside the select, above any error. */}
      <div>
        <label htmlFor={`${id}-store`} className="mb-1 block text-[11px] font-medium text-zinc-600 dark:text-zinc-400">
          Vector store
        </label>
        <div className="flex items-center gap-1.5">
          <select
            id={`${id}-store`}
            value={selectedId ?? ""}
            onChange={(e) => choose(e.target.value)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-store-error` : note ? `${id}-store-note` : undefined}
            className={`${selectClass} flex-1 ${problem ? "border-red-400 dark:border-red-700" : "border-zinc-200 dark:border-zinc-800"} ${focusRing}`}
          >
            <option value="">{stores.isPending ? "Loading stores…" : stores.data?.length === 0 ? "No stores yet" : "Choose a store"}</option>
            {stores.data?.map((store) => (
              <option key={store.id} value={store.id}>
                {storeLabel(store)}
              </option>
            ))}
            {missing ? <option value={selectedId}>{selectedId} (not found)</option> : null}
          </select>
          {creating ? null : (
            <Button size="sm" variant="ghost" onClick={() => setCreating(true)}>
              <PlusIcon width={14} height={14} /> New store
            </Button>
          )}
        </div>
        {problem ? (
          <p id={`${id}-store-error`} role="alert" className="mt-1 text-[11px] leading-4 text-red-600 dark:text-red-400">
            {problem}
          </p>
        ) : note ? (
          <p id={`${id}-store-note`} className="mt-1 text-[11px] leading-4 text-zinc-400 dark:text-zinc-500">
            {note}
          </p>
        ) : null}
      </div>
      {creating ? (
        <NewStoreForm
          providerId={providerId}
          onDone={(store) => {
            setCreating(false);
            if (store) choose(store.id);
          }}
        />
      ) : null}
      {selectedId !== undefined && !missing ? <StoreFiles providerId={providerId} vectorStoreId={selectedId} /> : null}
    </div>
  );
}

/** The extensions named in the hint (.markdown and .htm are accepted too). */
const HINT_EXTENSIONS = FILE_SEARCH_EXTENSIONS.filter((ext) => ext !== ".markdown" && ext !== ".htm").join(" ");

const storeLabel = (store: VectorStoreInfo) => `${store.name || store.id} · ${store.fileCounts.total} ${store.fileCounts.total === 1 ? "file" : "files"}`;

/** Name a new store; Enter creates it, Escape (or Cancel) gives up. */
function NewStoreForm({ providerId, onDone }: { providerId: string; onDone: (store: VectorStoreInfo | null) => void }) {
  const id = useId();
  const [name, setName] = useState("");
  const create = useCreateVectorStore(providerId);
  const problem = create.error?.message;
  const field = useRef<HTMLInputElement>(null);
  // The user just asked for this field.
  useEffect(() => field.current?.focus(), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === "" || create.isPending) return;
    create.mutate(name.trim(), { onSuccess: (store) => onDone(store) });
  }

  return (
    <form
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        event.stopPropagation();
        onDone(null);
      }}
      aria-label="New vector store"
      className="flex items-end gap-1.5"
    >
      <div className="min-w-0 flex-1">
        <Field id={`${id}-name`} label="New store name" error={problem}>
          <TextInput ref={field} id={`${id}-name`} error={problem} value={name} placeholder="Handbook" onChange={(e) => setName(e.target.value)} />
        </Field>
      </div>
      <div className={`flex gap-1 ${problem ? "mb-5" : ""}`}>
        <Button type="submit" size="sm" variant="primary" disabled={name.trim() === "" || create.isPending}>
          {create.isPending ? "Creating…" : "Create"}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => onDone(null)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** The files of the chosen store with their indexing status, the uploads on their way, and the upload button. */
function StoreFiles({ providerId, vectorStoreId }: { providerId: string; vectorStoreId: string }) {
  const id = useId();
  const files = useVectorStoreFiles(providerId, vectorStoreId);
  const { rows, upload, dismiss } = useUploadsContext();
  const input = useRef<HTMLInputElement>(null);
  const block = useRef<HTMLDivElement>(null);
  // The dismissed row held the focus: hand it to the upload button, so the keyboard stays in the panel.
  const dismissRow = (key: string) => {
    dismiss(key);
    block.current?.querySelector<HTMLButtonElement>("button")?.focus();
  };
  const uploads = rows.filter((row) => row.vectorStoreId === vectorStoreId);
  const busy = uploads.some((row) => row.phase !== "failed");

  return (
    <div ref={block}>
      <div className="mb-1 flex items-center justify-between gap-2">
        <p id={`${id}-files`} className="text-[11px] font-medium text-zinc-600 dark:text-zinc-400">
          Files in this store
        </p>
        <Button size="sm" variant="ghost" onClick={() => input.current?.click()} aria-describedby={`${id}-types`} className="-my-1">
          <UploadIcon /> Upload files
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept={FILE_SEARCH_EXTENSIONS.join(",")}
          aria-label="Files to upload"
          data-testid="file-search-upload"
          onChange={(event) => {
            const picked = Array.from(event.target.files ?? []);
            event.target.value = "";
            if (picked.length > 0) void upload(vectorStoreId, picked);
          }}
        />
      </div>
      <ul aria-labelledby={`${id}-files`} className="max-h-40 divide-y divide-zinc-100 overflow-y-auto rounded-md border border-zinc-200 dark:divide-zinc-800/70 dark:border-zinc-800">
        {files.isPending ? <EmptyRow text="Loading files…" /> : null}
        {files.isError ? <EmptyRow text={`Could not list the files: ${files.error.message}`} error /> : null}
        {files.data?.length === 0 && uploads.length === 0 ? <EmptyRow text="No files yet. Upload some to search them." /> : null}
        {files.data?.map((file) => <FileRow key={file.id} file={file} />)}
        {uploads.map((row) => (
          <UploadRowItem key={row.key} row={row} onDismiss={() => dismissRow(row.key)} />
        ))}
      </ul>
      <p id={`${id}-types`} className="mt-1 text-[11px] leading-4 text-zinc-400 dark:text-zinc-500">
        {busy ? "Uploading…" : `${HINT_EXTENSIONS} · up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB each`}
      </p>
    </div>
  );
}

function EmptyRow({ text, error = false }: { text: string; error?: boolean }) {
  return <li className={`px-2 py-1.5 text-[11px] ${error ? "text-red-600 dark:text-red-400" : "text-zinc-400 dark:text-zinc-500"}`}>{text}</li>;
}

const statusStyle: Record<VectorStoreFileInfo["status"], string> = {
  completed: "bg-emerald-50 text-emerald-700 dark:bg-emerald-950/50 dark:text-emerald-400",
  in_progress: "bg-amber-50 text-amber-700 dark:bg-amber-950/50 dark:text-amber-400",
  cancelled: "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400",
  failed: "bg-red-50 text-red-700 dark:bg-red-950/50 dark:text-red-400",
};

function StatusPill({ status, label = status.replace("_", " ") }: { status: VectorStoreFileInfo["status"]; label?: string }) {
  return <span className={`shrink-0 rounded px-1 font-mono text-[10.5px] ${statusStyle[status]}`}>{label}</span>;
}

/** A file of the store: its name (or id), its status, and why it failed. */
function FileRow({ file }: { file: VectorStoreFileInfo }) {
  return (
    <li className="px-2 py-1" data-testid="vector-store-file" data-status={file.status}>
      <div className="flex items-center gap-2 text-xs">
        <span className="min-w-0 flex-1 truncate text-zinc-800 dark:text-zinc-200" title={file.id}>
          {file.filename ?? file.id}
        </span>
        <StatusPill status={file.status} />
      </div>
      {file.lastError ? <p className="mt-0.5 text-[11px] leading-4 text-red-600 dark:text-red-400">{file.lastError.message}</p> : null}
    </li>
  );
}

/** A file on its way in: progress while it uploads, then "indexing", or the reason it was refused. */
function UploadRowItem({ row, onDismiss }: { row: UploadRow; onDismiss: () => void }) {
  const percent = Math.round(row.progress * 100);
  return (
    <li className="px-2 py-1" data-testid="upload-row" data-phase={row.phase}>
      <div className="flex items-center gap-2 text-xs">
        <span className="min-w-0 flex-1 truncate text-zinc-800 dark:text-zinc-200">{row.name}</span>
        {row.phase === "failed" ? (
          <>
            <StatusPill status="failed" label="not added" />
            <IconButton label={`Dismiss ${row.name}`} onClick={onDismiss} className="-my-1 size-5!">
              <CloseIcon width={12} height={12} />
            </IconButton>
          </>
        ) : row.phase === "indexing" ? (
          <StatusPill status="in_progress" label="indexing" />
        ) : (
          <span className="shrink-0 font-mono text-[10.5px] text-zinc-500 dark:text-zinc-400">{row.phase === "queued" ? "waiting" : `${percent}%`}</span>
        )}
      </div>
      {row.phase === "uploading" ? (
        <div
          role="progressbar"
          aria-label={`Uploading ${row.name}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="mt-1 h-1 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800"
        >
          <div className="h-full rounded-full bg-indigo-500 transition-[width]" style={{ width: `${percent}%` }} />
        </div>
      ) : null}
      {row.error ? (
        <p role="alert" className="mt-0.5 text-[11px] leading-4 text-red-600 dark:text-red-400">
          {row.error}
        </p>
      ) : null}
    </li>
  );
}
