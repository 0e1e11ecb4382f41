import { openAIError, ProxyError } from "@/lib/server/proxy/errors";
import { proxyRoute } from "@/lib/server/proxy/http";
import { proxyCreateResponse } from "@/lib/server/services/proxy";
import { proxyModel, proxyModels, proxyPassThrough } from "@/lib/server/services/proxy-passthrough";

// The recording proxy, on OpenAI's own paths: point an OpenAI client's base URL at /api/v1 and its Responses calls
// are answered by the provider unchanged and recorded as nodes (see lib/server/services/proxy.ts).
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ path: string[] }> };

/** The parts of the API passed through to the provider as they are. */
const PASSED_THROUGH = new Set(["responses", "files", "vector_stores", "conversations"]);

async function handle(request: Request, { params }: Context): Promise<Response> {
  const { path } = await params;
  return proxyRoute(async (req, client) => {
    const [head, second] = path;
    if (req.method === "POST" && path.length === 1 && head === "responses") return proxyCreateResponse(req, client);
    if (head === "models" && path.length <= 2) {
      if (req.method !== "GET") return openAIError(405, `${req.method} is not allowed on /v1/models; it takes GET.`, { code: "method_not_allowed", headers: { allow: "GET, HEAD" } });
      return second ? proxyModel(second) : proxyModels();
    }
    if (head && PASSED_THROUGH.has(head)) return proxyPassThrough(req, path);
    throw new ProxyError("not_found", `Invalid URL (${req.method} /v1/${path.join("/").slice(0, 200)})`);
  })(request);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
