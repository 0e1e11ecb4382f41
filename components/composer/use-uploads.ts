"use client";

import { createContext, use, useCallback, useState } from "react";
import { MAX_UPLOAD_BYTES } from "@/lib/contracts/providers";
import { uploadProblem } from "@/lib/client/composer/uploads";
import { useAddFileToVectorStore, useUploadProviderFile } from "@/lib/client/mutations";

/** One picked file on its way into a store: checked, uploaded (with progress), then added and indexed. */
export type UploadRow = {
  key: string;
  vectorStoreId: string;
  name: string;
  phase: "queued" | "uploading" | "indexing" | "failed";
  /** Upload progress, 0–1. */
  progress: number;
  error?: string;
};

let nextUploadKey = 0;

/**
 * Upload picked files into a vector store, one after the other. A file refused in the browser (type, empty, size) or
 * by the server stays listed with its reason until dismissed; a file added to the store leaves this list (the store's
 * file list shows it, with its status, and why indexing failed if it did).
 */
export function useUploads(providerId: string) {
  const uploadFile = useUploadProviderFile(providerId);
  const addToStore = useAddFileToVectorStore(providerId);
  const [rows, setRows] = useState<UploadRow[]>([]);

  const patch = useCallback((key: string, change: Partial<UploadRow>) => {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  }, []);
  const dismiss = useCallback((key: string) => setRows((current) => current.filter((row) => row.key !== key)), []);

  const { mutateAsync: upload } = uploadFile;
  const { mutateAsync: add } = addToStore;
  const uploadOne = useCallback(
    async (vectorStoreId: string, file: File, key: string) => {
      const problem = uploadProblem(file, MAX_UPLOAD_BYTES);
      if (problem) return patch(key, { phase: "failed", error: problem });
      patch(key, { phase: "uploading" });
      try {
        const uploaded = await upload({ file, onProgress: (progress) => patch(key, { progress }) });
        patch(key, { phase: "indexing", progress: 1 });
        await add({ vectorStoreId, fileId: uploaded.id });
        dismiss(key);
      } catch (err) {
        patch(key, { phase: "failed", error: err instanceof Error ? err.message : String(err) });
      }
    },
    [add, dismiss, patch, upload],
  );

  const start = useCallback(
    async (vectorStoreId: string, files: readonly File[]) => {
      const added = files.map((file): [File, UploadRow] => [
        file,
        { key: `upload-${(nextUploadKey += 1)}`, vectorStoreId, name: file.name, phase: "queued", progress: 0 },
      ]);
      // A new pick replaces the reasons shown for the last one.
      setRows((current) => [...current.filter((row) => row.phase !== "failed"), ...added.map(([, row]) => row)]);
      for (const [file, row] of added) await uploadOne(vectorStoreId, file, row.key);
    },
    [uploadOne],
  );

  return { rows, upload: start, dismiss };
}

export type Uploads = ReturnType<typeof useUploads>;

/** The composer's uploads, so they go on (and keep their errors) while the settings panel is closed. */
export const UploadsContext = createContext<Uploads | null>(null);

export function useUploadsContext(): Uploads {
  const uploads = use(UploadsContext);
  if (!uploads) throw new Error("useUploadsContext needs an UploadsContext provider (the composer's)");
  return uploads;
}
