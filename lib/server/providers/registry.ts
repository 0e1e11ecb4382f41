import "server-only";
import OpenAI from "openai";
import { env, type ProviderConfig } from "@/lib/env";
import { ArborError, type ErrorCode } from "@/lib/contracts/errors";
import type { PriceTable, ProviderCapabilities, ProviderInfo } from "@/lib/contracts/providers";

/** A configured provider; `apiKeyEnv` names the variable that holds its key, never the key itself. */
export type Provider = {
  id: string;
  label: string;
  baseURL: string;
  apiKeyEnv: string | null;
  models: string[];
  capabilities: ProviderCapabilities;
  /** USD per 1M tokens by model; a model missing here has no known cost. */
  prices: PriceTable;
};


export const OFFLINE_PROVIDER_ID = "offline";
export const OFFLINE_MODELS = ["offline-assistant", "offline-echo"] as const;

/** The offline engine runs locally: its calls cost nothing. */
const OFFLINE_PRICES: PriceTable = Object.fromEntries(OFFLINE_MODELS.map((model) => [model, { input: 0, cachedInput: 0, output: 0 }]));

/**
 * OpenAI's public list prices (USD per 1M tokens, standard tier) for the models offered by default.
 * List prices change: keep this table current, or override it with `prices` in ARBOR_PROVIDERS.
 */
const OPENAI_PRICES: PriceTable = {
  "gpt-5": { input: 1.25, cachedInput: 0.125, output: 10 },
  "gpt-5-mini": { input: 0.25, cachedInput: 0.025, output: 2 },
  "gpt-5-nano": { input: 0.05, cachedInput: 0.005, output: 0.4 },
  "gpt-4.1": { input: 2, cachedInput: 0.5, output: 8 },
  "gpt-4.1-mini": { input: 0.4, cachedInput: 0.1, output: 1.6 },
  "gpt-4o": { input: 2.5, cachedInput: 1.25, output: 10 },
  "gpt-4o-mini": { input: 0.15, cachedInput: 0.075, output: 0.6 },
  "o4-mini": { input: 1.1, cachedInput: 0.275, output: 4.4 },
};

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
    prices: config.prices,
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
      capabilities: { store: true, previousResponseId: true, hostedTools: ["web_search", "web_search_preview", "file_search", "code_interpreter"] },
      prices: OFFLINE_PRICES,
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
      prices: OPENAI_PRICES,
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

/**
 * The provider as the browser may see it: no key (only whether one is set), and its base URL only when that is a
 * public address (an https host on the internet); an internal gateway's address stays on the server.
 */
export function toPublicProvider(provider: Provider): ProviderInfo {
  const { apiKeyEnv, baseURL, ...rest } = provider;
  return { ...rest, baseURL: provider.id !== OFFLINE_PROVIDER_ID && isPublicUrl(baseURL) ? baseURL : null, hasKey: apiKeyEnv === null || Boolean(process.env[apiKeyEnv]) };
}

const PRIVATE_HOST = /^(localhost|.*\.(local|internal|lan|home|corp|localdomain)|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|\[.*\]|[^.]+)$/i;

function isPublicUrl(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === "https:" && !PRIVATE_HOST.test(hostname);
  } catch {
    return false;
  }
}

const clients = new Map<string, OpenAI>();

/** An openai SDK client for this provider (one per provider and base URL). */
export function clientFor(provider: Provider): OpenAI {
  const key = `${provider.id}|${provider.baseURL}`;
  let client = clients.get(key);
  if (!client) {
    const apiKey = provider.apiKeyEnv ? process.env[provider.apiKeyEnv] : "offline";
    // The offline engine answers on Arbor's own loopback: compressing there and inflating here only costs CPU.
    const defaultHeaders = provider.id === OFFLINE_PROVIDER_ID ? { "accept-encoding": "identity" } : undefined;
    client = new OpenAI({ baseURL: provider.baseURL, apiKey: apiKey || "missing", maxRetries: 1, timeout: 10 * 60_000, defaultHeaders });
    clients.set(key, client);
  }
  return client;
}
