"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, use, useCallback, useState } from "react";
import { api, uploadProviderFile } from "@/lib/client/api";
import { MAX_UPLOAD_BYTES, type VectorStoreInfo } from "@/lib/contracts/providers";
import { uploadProblem } from "@/lib/client/composer/uploads";

/** React Query keys of a provider's vector stores and their files. */
export const vectorStoreKeys = {
  stores: (providerId: string) => ["vector-stores", providerId] as const,
  files: (providerId: string, vectorStoreId: string) => ["vector-store-files", providerId, vectorStoreId] as const,
};

/** How often a store's files are re-read while one is still being indexed. */
const INDEXING_POLL_MS = 1500;

export function useVectorStores(providerId: string) {
  return useQuery({ queryKey: vectorStoreKeys.stores(providerId), queryFn: () => api.vectorStores(providerId) });
}

export function useVectorStoreFiles(providerId: string, vectorStoreId: string | undefined) {
  return useQuery({
    queryKey: vectorStoreKeys.files(providerId, vectorStoreId ?? ""),
    queryFn: () => api.vectorStoreFiles(providerId, vectorStoreId ?? ""),
    enabled: vectorStoreId !== undefined,
    refetchInterval: (query) => (query.state.data?.some((file) => file.status === "in_progress") ? INDEXING_POLL_MS : false),
  });
}

/** Create a store; it is in the list at once. */
export function useCreateVectorStore(providerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.createVectorStore(providerId, name),
    onSuccess: (store) => {
      client.setQueryData<VectorStoreInfo[]>(vectorStoreKeys.stores(providerId), (stores) => [store, ...(stores ?? []).filter((s) => s.id !== store.id)]);
      void client.invalidateQueries({ queryKey: vectorStoreKeys.stores(providerId) });
    },
  });
}

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
  const client = useQueryClient();
  const [rows, setRows] = useState<UploadRow[]>([]);

  const patch = useCallback((key: string, change: Partial<UploadRow>) => {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  }, []);
  const dismiss = useCallback((key: string) => setRows((current) => current.filter((row) => row.key !== key)), []);

  const uploadOne = useCallback(
    async (vectorStoreId: string, file: File, key: string) => {
      const problem = uploadProblem(file, MAX_UPLOAD_BYTES);
      if (problem) return patch(key, { phase: "failed", error: problem });
      patch(key, { phase: "uploading" });
      try {
        const uploaded = await uploadProviderFile(providerId, file, (progress) => patch(key, { progress }));
        patch(key, { phase: "indexing", progress: 1 });
        // Added, indexed or not: the store's file list shows it from now on, with its status and any last_error.
        await api.addFileToVectorStore(providerId, vectorStoreId, uploaded.id);
        await client.invalidateQueries({ queryKey: vectorStoreKeys.files(providerId, vectorStoreId) });
        dismiss(key);
      } catch (err) {
        patch(key, { phase: "failed", error: err instanceof Error ? err.message : String(err) });
      } finally {
        void client.invalidateQueries({ queryKey: vectorStoreKeys.stores(providerId) });
      }
    },
    [client, dismiss, patch, providerId],
  );

  const upload = useCallback(
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

  return { rows, upload, dismiss };
}

export type Uploads = ReturnType<typeof useUploads>;

/** The composer's uploads, so they go on (and keep their errors) while the settings panel is closed. */
export const UploadsContext = createContext<Uploads | null>(null);

export function useUploadsContext(): Uploads {
  const uploads = use(UploadsContext);
  if (!uploads) throw new Error("useUploadsContext needs an UploadsContext provider (the composer's)");
  return uploads;
}
