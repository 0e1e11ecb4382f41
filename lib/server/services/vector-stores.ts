import "server-only";
import { toFile } from "openai";
import type { FileObject } from "openai/resources/files";
import type { VectorStore } from "openai/resources/vector-stores/vector-stores";
import type { VectorStoreFile } from "openai/resources/vector-stores/files";
import { ArborError } from "@/lib/contracts/errors";
import { MAX_UPLOAD_BYTES, type ProviderFile, type VectorStoreFileInfo, type VectorStoreInfo } from "@/lib/contracts/providers";
import { readForm } from "@/lib/server/http/body";
import { toUpstreamError } from "@/lib/server/providers/errors";
import { clientFor, getProvider, type Provider } from "@/lib/server/providers/registry";

/** Room for the multipart envelope around a file of the largest size. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** The provider with this id, if it runs file search (its files and vector stores are what this module reaches). */
export function fileSearchProvider(id: string): Provider {
  const provider = getProvider(id);
  if (!provider.capabilities.hostedTools.includes("file_search")) {
    throw new ArborError("bad_request", `${provider.label} does not run file search, so it has no vector stores to manage.`);
  }
  return provider;
}

async function withProvider<T>(provider: Provider, act: () => Promise<T>): Promise<T> {
  try {
    return await act();
  } catch (err) {
    throw toUpstreamError(err, provider);
  }
}

const isoFromSeconds = (seconds: number) => new Date(seconds * 1000).toISOString();

function toVectorStoreInfo(store: VectorStore): VectorStoreInfo {
  const counts = store.file_counts;
  return {
    id: store.id,
    name: store.name,
    fileCounts: { inProgress: counts.in_progress, completed: counts.completed, failed: counts.failed, cancelled: counts.cancelled, total: counts.total },
    usageBytes: store.usage_bytes,
    createdAt: isoFromSeconds(store.created_at),
  };
}

function toFileInfo(file: VectorStoreFile, filename?: string): VectorStoreFileInfo {
  return {
    id: file.id,
    ...(filename !== undefined ? { filename } : {}),
    status: file.status,
    lastError: file.last_error ? { code: file.last_error.code, message: file.last_error.message } : null,
  };
}

function toProviderFile(file: FileObject): ProviderFile {
  return { id: file.id, filename: file.filename, bytes: file.bytes, createdAt: isoFromSeconds(file.created_at) };
}

/** The provider's vector stores, newest first as it lists them. */
export async function listVectorStores(provider: Provider): Promise<VectorStoreInfo[]> {
  return withProvider(provider, async () => {
    const stores: VectorStoreInfo[] = [];
    for await (const store of clientFor(provider).vectorStores.list({ limit: 100 })) stores.push(toVectorStoreInfo(store));
    return stores;
  });
}

/** Create an empty vector store. */
export async function createVectorStore(provider: Provider, name: string): Promise<VectorStoreInfo> {
  return withProvider(provider, async () => toVectorStoreInfo(await clientFor(provider).vectorStores.create({ name })));
}

/** The files of a vector store with their indexing status; names are looked up on the provider's file objects. */
export async function listVectorStoreFiles(provider: Provider, vectorStoreId: string): Promise<VectorStoreFileInfo[]> {
  return withProvider(provider, async () => {
    const client = clientFor(provider);
    const files: VectorStoreFile[] = [];
    for await (const file of client.vectorStores.files.list(vectorStoreId, { limit: 100 })) files.push(file);
    // A file deleted on the provider keeps its entry in the store: list it without a name rather than fail.
    const names = await Promise.all(files.map((file) => client.files.retrieve(file.id).then((f) => f.filename, () => undefined)));
    return files.map((file, i) => toFileInfo(file, names[i]));
  });
}

/** Forward one uploaded file (multipart field `file`) to the provider, for file search (`purpose: assistants`). */
export async function uploadFile(provider: Provider, request: Request): Promise<ProviderFile> {
  const form = await readForm(request, MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES, tooLarge().message);
  const file = form.get("file");
  if (file === null || typeof file === "string") throw new ArborError("bad_request", "Send the file as multipart/form-data in a field named `file`.");
  if (file.size > MAX_UPLOAD_BYTES) throw tooLarge();
  const bytes = Buffer.from(await file.arrayBuffer());
  // A file named .pdf that is not one would only fail later, inside the provider's indexing, with a vaguer reason.
  if (/\.pdf$/i.test(file.name) && bytes.subarray(0, 5).toString("latin1") !== "%PDF-") {
    throw new ArborError("bad_request", `"${file.name.slice(0, 100)}" is named .pdf but is not a PDF file (it does not start with %PDF-).`);
  }
  const upload = await toFile(bytes, file.name, { type: file.type || undefined });
  return withProvider(provider, async () => toProviderFile(await clientFor(provider).files.create({ file: upload, purpose: "assistants" })));
}

function tooLarge(): ArborError {
  return new ArborError("payload_too_large", `Files over ${MAX_UPLOAD_BYTES / 1024 / 1024} MB cannot be uploaded.`);
}

/** Add an uploaded file to a vector store; a file the provider cannot index comes back `failed` with `lastError`. */
export async function addFileToVectorStore(provider: Provider, vectorStoreId: string, fileId: string): Promise<VectorStoreFileInfo> {
  return withProvider(provider, async () => toFileInfo(await clientFor(provider).vectorStores.files.create(vectorStoreId, { file_id: fileId })));
}
