import "server-only";
import { proxyCreateResponse } from "@/lib/server/services/proxy";
import { proxyModel, proxyModels, proxyPassThrough } from "@/lib/server/services/proxy-passthrough";
import { openAIError, ProxyError } from "./errors";
import { proxyRoute } from "./http";

// Every call of the recording proxy, by OpenAI's path under /api/v1. Two servers hand calls to it: Next's route
// (app/api/v1/[...path], under `next dev`) and, in production, Arbor's HTTP server before Next's router sees them
// (./node-server.ts): Next's own work per request was most of the proxy's overhead.

/** The path prefix of the recording proxy. */
export const PROXY_PREFIX = "/api/v1/";

/** The parts of the API passed through to the provider as they are. */
const PASSED_THROUGH = new Set(["responses", "files", "vector_stores", "conversations"]);

/** A proxy URL's path after /api/v1/, as segments (`responses/abc/cancel` -> three), or null when it is not one. */
export function proxyPath(pathname: string): string[] | null {
  if (!pathname.startsWith(PROXY_PREFIX)) return null;
  try {
    return pathname.slice(PROXY_PREFIX.length).split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return null; // a malformed escape: answered as an unknown path
  }
}

/** Answer one call of the recording proxy (authenticated, its errors in OpenAI's shape). */
export const serveProxy = proxyRoute(async (req, client) => {
  const path = proxyPath(new URL(req.url).pathname) ?? [];
  const [head, second] = path;
  if (req.method === "POST" && path.length === 1 && head === "responses") return proxyCreateResponse(req, client);
  if (head === "models" && path.length <= 2) {
    if (req.method !== "GET") return openAIError(405, `${req.method} is not allowed on /v1/models; it takes GET.`, { code: "method_not_allowed", headers: { allow: "GET, HEAD" } });
    return second ? proxyModel(second) : proxyModels();
  }
  if (head && PASSED_THROUGH.has(head)) return proxyPassThrough(req, path);
  throw new ProxyError("not_found", `Invalid URL (${req.method} /v1/${path.join("/").slice(0, 200)})`);
});
