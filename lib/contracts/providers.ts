import { z } from "zod";

/** A model's price in USD per 1M tokens; `cachedInput` defaults to `input` when the provider has no discount. */
export const modelPriceSchema = z.object({
  input: z.number().min(0),
  cachedInput: z.number().min(0).optional(),
  output: z.number().min(0),
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;

/** Prices of one provider's models, keyed by model name. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

export type ProviderCapabilities = {
  /** The provider keeps responses so they can be retrieved and chained to. */
  store: boolean;
  /** The provider resolves previous_response_id. */
  previousResponseId: boolean;
  /** Hosted tool types it runs (web_search, file_search, code_interpreter, mcp, ...). */
  hostedTools: string[];
};

/** A provider as `GET /api/providers` describes it: no key, no internal address. */
export type ProviderInfo = {
  id: string;
  label: string;
  /** Where clients reach it, when that address is public (OpenAI's); null for an internal one. */
  baseURL: string | null;
  models: string[];
  capabilities: ProviderCapabilities;
  hasKey: boolean;
  /** USD per 1M tokens by model; a model missing here has no known cost. */
  prices: PriceTable;
};

/** Largest file Arbor forwards to a provider for file search, and the offline engine's cap too. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The kinds of file a user can upload for file search (what the offline engine can read), by extension. */
export const FILE_SEARCH_EXTENSIONS = [".txt", ".md", ".markdown", ".json", ".csv", ".html", ".htm", ".pdf"] as const;

/** The body of `POST /api/providers/:id/vector_stores`. */
export const createVectorStoreSchema = z.object({ name: z.string().trim().min(1, "Give the store a name").max(256) }).strict();

/** The body of `POST /api/providers/:id/vector_stores/:vs/files`. */
export const addVectorStoreFileSchema = z.object({ fileId: z.string().min(1).max(200) }).strict();

/** A provider's vector store, as `GET /api/providers/:id/vector_stores` lists it. */
export type VectorStoreInfo = {
  id: string;
  name: string;
  fileCounts: { inProgress: number; completed: number; failed: number; cancelled: number; total: number };
  usageBytes: number;
  createdAt: string;
};

/** A file of a vector store and how its indexing went. */
export type VectorStoreFileInfo = {
  id: string;
  filename?: string;
  status: "in_progress" | "completed" | "cancelled" | "failed";
  lastError: { code: string; message: string } | null;
};

/** A file uploaded to a provider. */
export type ProviderFile = { id: string; filename: string; bytes: number; createdAt: string };
