import "server-only";
import { PROXY_HEADERS } from "@/lib/contracts/proxy";
import { getDb } from "@/lib/server/db/client";
import { currentPrincipal } from "@/lib/server/auth/context";
import { findNodeByResponseId } from "@/lib/server/db/proxy";
import { listProviders, type Provider } from "@/lib/server/providers/registry";
import { ProxyError } from "@/lib/server/proxy/errors";
import { chooseProvider, clientHeaders, defaultProviderId, sendUpstream } from "@/lib/server/proxy/upstream";
import { scrubText } from "@/lib/server/secrets";
import { workspaceApiKey } from "./provider-keys";

// Everything under /api/v1 other than creating a response is passed to the provider as it is (retrieve, resume a
// stream, delete, cancel, input items, compact, input tokens, files, vector stores), so clients that use more of
// the API than `responses.create` work through Arbor too. Only creates are recorded.

/** Pass a call through to its provider: the X-Arbor-Provider header's, else the one that answered the response. */
export async function proxyPassThrough(request: Request, path: string[]): Promise<Response> {
  const provider = await passThroughProvider(request, path);
  const url = new URL(request.url);
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const upstream = await sendUpstream(provider, {
    method: request.method,
    path: path.map(encodeURIComponent).join("/"),
    search: url.search,
    headers: request.headers,
    apiKey: await workspaceApiKey(provider),
    body: hasBody ? request.body : null,
    signal: request.signal,
  });
  const headers = clientHeaders(upstream.headers);
  if (!upstream.ok) return new Response(scrubText(await upstream.text()), { status: upstream.status, headers });
  return new Response(upstream.body, { status: upstream.status, headers });
}

async function passThroughProvider(request: Request, path: string[]): Promise<Provider> {
  const header = request.headers.get(PROXY_HEADERS.provider);
  if (header) return chooseProvider(undefined, header, defaultProviderId).provider;
  // responses/{id}/…: the provider that answered it, as recorded.
  const responseId = path[0] === "responses" && path[1] && path[1] !== "compact" && path[1] !== "input_tokens" ? path[1] : null;
  const node = responseId ? await findNodeByResponseId(await getDb(), currentPrincipal().workspaceId, responseId) : null;
  const providerId = node?.providerId ?? defaultProviderId();
  const provider = listProviders().find((p) => p.id === providerId);
  if (!provider) throw new ProxyError("bad_request", `The provider "${providerId}" that answered this response is no longer configured.`);
  return provider;
}

/** `GET /models`: every configured provider's models, as `provider/model` ids (and the default provider's bare ones). */
export function proxyModels(): Response {
  const fallback = defaultProviderId();
  const data = listProviders().flatMap((p) => [
    ...p.models.map((m) => ({ id: `${p.id}/${m}`, object: "model", created: 0, owned_by: p.id })),
    ...(p.id === fallback ? p.models.map((m) => ({ id: m, object: "model", created: 0, owned_by: p.id })) : []),
  ]);
  return Response.json({ object: "list", data });
}

/** `GET /models/{id}`: one of those models, or OpenAI's 404. */
export function proxyModel(id: string): Response {
  const fallback = defaultProviderId();
  const models = listProviders().flatMap((p) => [...p.models.map((m) => `${p.id}/${m}`), ...(p.id === fallback ? p.models : [])]);
  if (!models.includes(id)) throw new ProxyError("not_found", `The model '${id.slice(0, 200)}' does not exist`, "model");
  const slash = id.indexOf("/");
  return Response.json({ id, object: "model", created: 0, owned_by: slash > 0 ? id.slice(0, slash) : fallback });
}
