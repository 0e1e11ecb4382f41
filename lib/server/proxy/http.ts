import "server-only";
import { actAs } from "@/lib/server/auth/context";
import { assertAllowedHost, assertSameOrigin } from "@/lib/server/http/guard";
import { withApiHeaders } from "@/lib/server/http/route";
import { log } from "@/lib/server/log";
import { metrics } from "@/lib/server/metrics";
import { authenticateApiClient, type ApiClient } from "@/lib/server/auth/api-client";
import { openAIErrorResponse } from "./errors";

type ProxyHandler = (request: Request, client: ApiClient) => Promise<Response>;

/**
 * Wrap a handler of the recording proxy: the same host and origin checks as Arbor's API (a page of another site
 * cannot spend the server's keys), the caller authenticated by bearer token, every refusal in OpenAI's error shape.
 * An upstream's own `x-request-id` is kept (OpenAI clients show it); Arbor's is added where there is none.
 */
export function proxyRoute(handler: ProxyHandler): (request: Request) => Promise<Response> {
  return async (request) => {
    const startedAt = performance.now();
    const requestId = crypto.randomUUID();
    let response: Response;
    try {
      assertAllowedHost(request);
      assertSameOrigin(request);
      const client = await authenticateApiClient(request);
      response = await actAs(client.principal, () => handler(request, client));
    } catch (err) {
      response = openAIErrorResponse(err, requestId);
    }
    response = withApiHeaders(response);
    if (!response.headers.has("x-request-id")) response.headers.set("x-request-id", requestId);
    log.info({ requestId, method: request.method, path: new URL(request.url).pathname, status: response.status, ms: Math.round(performance.now() - startedAt) }, "proxy request");
    metrics().requests.inc({ method: request.method, status: String(response.status) });
    return response;
  };
}
