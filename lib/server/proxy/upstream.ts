import "server-only";
import { listProviders, type Provider } from "@/lib/server/providers/registry";
import { ProxyError } from "./errors";

// How a call reaches its provider: the provider chosen for it, the server's key for that provider (the client's
// key never goes upstream), and only the headers that mean something to a Responses server.

/** The request headers passed on to the provider (the rest, the client's Authorization above all, stay here). */
const FORWARDED_REQUEST_HEADERS = ["content-type", "accept", "openai-beta", "idempotency-key", "x-stainless-retry-count"];
/** The answer headers passed back to the client: what OpenAI clients read (ids, limits, timings, retry delays). */
const FORWARDED_RESPONSE_HEADERS = /^(content-type|cache-control|x-request-id|openai-|x-ratelimit-|retry-after)/i;

/** The provider a call names: a `provider/model` model, else the X-Arbor-Provider header, else the fallback's. */
export function chooseProvider(model: string | undefined, header: string | null, fallback: () => string): { provider: Provider; model: string | undefined } {
  const providers = listProviders();
  const slash = model?.indexOf("/") ?? -1;
  if (model && slash > 0) {
    const named = providers.find((p) => p.id === model.slice(0, slash));
    if (named) return { provider: named, model: model.slice(slash + 1) };
  }
  if (header) {
    const named = providers.find((p) => p.id === header);
    if (!named) throw new ProxyError("bad_request", `Unknown provider "${header.slice(0, 64)}" in X-Arbor-Provider (configured: ${providers.map((p) => p.id).join(", ")}).`);
    return { provider: named, model };
  }
  // A model only one provider offers goes to that provider.
  const offering = model ? providers.filter((p) => p.models.includes(model)) : [];
  const fallbackId = fallback();
  const chosen = offering.find((p) => p.id === fallbackId) ?? offering[0] ?? providers.find((p) => p.id === fallbackId) ?? providers[0]!;
  return { provider: chosen, model };
}

/** The provider used when nothing names one: OpenAI when its key is set, else the offline engine. */
export function defaultProviderId(): string {
  return listProviders().some((p) => p.id === "openai") ? "openai" : "offline";
}

/** The upstream URL of a proxy path (`responses/abc/cancel`) and query at this provider. */
export function upstreamUrl(provider: Provider, path: string, search = ""): string {
  return `${provider.baseURL.replace(/\/+$/, "")}/${path}${search}`;
}

/**
 * Headers for the provider: the allowed client headers, the key (the workspace's when given, else the server's), and
 * no compression (Arbor's own parts).
 */
export function upstreamHeaders(provider: Provider, from: Headers, apiKey?: string | null): Headers {
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = from.get(name);
    if (value !== null) headers.set(name, value);
  }
  const key = apiKey ?? (provider.apiKeyEnv ? process.env[provider.apiKeyEnv] : "offline");
  headers.set("authorization", `Bearer ${key || "missing"}`);
  headers.set("accept-encoding", "identity");
  return headers;
}

/** The answer headers a client gets back from the provider's answer. */
export function clientHeaders(from: Headers): Headers {
  const headers = new Headers();
  for (const [name, value] of from) if (FORWARDED_RESPONSE_HEADERS.test(name)) headers.set(name, value);
  if ((headers.get("content-type") ?? "").includes("text/event-stream")) headers.set("x-accel-buffering", "no");
  return headers;
}

/** Send a call to the provider (never tied to the client's connection: a client that goes away stops nothing). */
export async function sendUpstream(provider: Provider, init: { method: string; path: string; search?: string; headers: Headers; apiKey?: string | null; body?: BodyInit | null; signal?: AbortSignal }): Promise<globalThis.Response> {
  try {
    return await fetch(upstreamUrl(provider, init.path, init.search), {
      method: init.method,
      headers: upstreamHeaders(provider, init.headers, init.apiKey),
      body: init.body ?? null,
      signal: init.signal,
      ...(init.body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit);
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw new ProxyError("upstream_unavailable", `Could not reach ${provider.label}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
