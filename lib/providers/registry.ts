import "server-only";
import OpenAI from "openai";
import { env, type ProviderConfig } from "@/lib/env";
import { ArborError, type ErrorCode } from "@/lib/errors";

export type ProviderCapabilities = {
  /** The provider keeps responses so they can be retrieved and chained to. */
  store: boolean;
  /** The provider resolves previous_response_id. */
  previousResponseId: boolean;
  /** Hosted tool types it runs (web_search, file_search, code_interpreter, mcp, ...). */
  hostedTools: string[];
};

/** A configured provider; `apiKeyEnv` names the variable that holds its key, never the key itself. */
export type Provider = {
  id: string;
  label: string;
  baseURL: string;
  apiKeyEnv: string | null;
  models: string[];
  capabilities: ProviderCapabilities;
};

/** What the browser may know of a provider. */
export type PublicProvider = Omit<Provider, "apiKeyEnv" | "baseURL"> & { hasKey: boolean; baseURL: string };

export const OFFLINE_PROVIDER_ID = "offline";
export const OFFLINE_MODELS = ["offline-assistant", "offline-echo"] as const;

/** The offline engine's base URL as the server reaches it (loopback on the app's own port). */
export function offlineBaseURL(): string {
  const e = env();
  return e.ARBOR_OFFLINE_BASE_URL ?? `http://127.0.0.1:${e.PORT}/api/offline/v1`;
}

function fromConfig(config: ProviderConfig): Provider {
  return {
    id: config.id,
    label: config.label,
    baseURL: config.baseURL,
    apiKeyEnv: config.apiKeyEnv ?? null,
    models: config.models,
    capabilities: {
      store: config.capabilities.store ?? true,
      previousResponseId: config.capabilities.previousResponseId ?? true,
      hostedTools: config.capabilities.hostedTools ?? [],
    },
  };
}

/** Every configured provider: offline always, openai when OPENAI_API_KEY is set, then ARBOR_PROVIDERS. */
export function listProviders(): Provider[] {
  const e = env();
  const providers: Provider[] = [
    {
      id: OFFLINE_PROVIDER_ID,
      label: "Offline engine",
      baseURL: offlineBaseURL(),
      apiKeyEnv: null,
      models: [...OFFLINE_MODELS],
      capabilities: { store: true, previousResponseId: true, hostedTools: [] },
    },
  ];
  if (e.OPENAI_API_KEY) {
    providers.push({
      id: "openai",
      label: "OpenAI",
      baseURL: e.OPENAI_BASE_URL ?? "https://api.openai.com/v1",
      apiKeyEnv: "OPENAI_API_KEY",
      models: ["gpt-5-mini", "gpt-5", "gpt-5-nano", "gpt-4.1", "gpt-4.1-mini", "gpt-4o", "gpt-4o-mini", "o4-mini"],
      capabilities: {
        store: true,
        previousResponseId: true,
        hostedTools: ["web_search", "file_search", "code_interpreter", "mcp", "image_generation"],
      },
    });
  }
  for (const config of e.ARBOR_PROVIDERS) {
    if (!providers.some((p) => p.id === config.id)) providers.push(fromConfig(config));
  }
  return providers;
}

/** The provider with this id, or an error fit to show (not_found by default). */
export function getProvider(id: string, code: ErrorCode = "not_found"): Provider {
  const provider = listProviders().find((p) => p.id === id);
  if (!provider) throw new ArborError(code, `Unknown provider "${id}"`);
  return provider;
}

/** Check that a provider offers a model. */
export function assertModel(provider: Provider, model: string): void {
  if (!provider.models.includes(model)) {
    throw new ArborError("bad_request", `Provider "${provider.id}" has no model "${model}" (it offers: ${provider.models.join(", ")})`);
  }
}

/** The provider as the browser may see it: no key, only whether one is set. */
export function toPublicProvider(provider: Provider): PublicProvider {
  const { apiKeyEnv, ...rest } = provider;
  return { ...rest, hasKey: apiKeyEnv === null || Boolean(process.env[apiKeyEnv]) };
}

const clients = new Map<string, OpenAI>();

/** An openai SDK client for this provider (one per provider and base URL). */
export function clientFor(provider: Provider): OpenAI {
  const key = `${provider.id}|${provider.baseURL}`;
  let client = clients.get(key);
  if (!client) {
    const apiKey = provider.apiKeyEnv ? process.env[provider.apiKeyEnv] : "offline";
    client = new OpenAI({ baseURL: provider.baseURL, apiKey: apiKey || "missing", maxRetries: 1, timeout: 10 * 60_000 });
    clients.set(key, client);
  }
  return client;
}
