import { assertAllowedHost, assertSameOrigin } from "@/lib/server/http/guard";
import { withApiHeaders } from "@/lib/server/http/route";
import { OfflineApiError } from "../core/errors";
import { errorResponse } from "./errors";
import { fileRoutes } from "./files";
import { vectorStoreRoutes } from "./vector-stores";
import { modelRoutes } from "./models";
import { responseRoutes } from "./responses";
import { matchPath, type Route } from "./route";

const routes: readonly Route[] = [...responseRoutes, ...modelRoutes, ...fileRoutes, ...vectorStoreRoutes];

/**
 * Serve one request of the offline engine; `path` is the segments after `/api/offline/v1`. The engine is an API for
 * programs (bearer tokens, never cookies): a request addressed to a host Arbor does not answer to (DNS rebinding) or
 * sent by a page of another site (CSRF) is refused before anything is read, and every answer carries the security
 * headers of an API answer.
 */
export async function handleOfflineRequest(request: Request, path: string[]): Promise<Response> {
  const requestId = `req_${crypto.randomUUID().replace(/-/g, "")}`;
  let response: Response;
  try {
    assertAllowedHost(request);
    assertSameOrigin(request);
    response = await dispatch(request, path);
  } catch (err) {
    response = errorResponse(err);
  }
  response.headers.set("x-request-id", requestId);
  return withApiHeaders(response);
}

// A known path asked with another method is a 405 that lists the methods it takes; an unknown path is a 404. HEAD is
// answered as GET (the server sends no body), OPTIONS with the methods the path takes.
function dispatch(request: Request, path: string[]): Promise<Response> {
  const method = request.method === "HEAD" ? "GET" : request.method;
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchPath(route.pattern, path);
    if (!params) continue;
    if (route.method === method) return route.handler(request, params);
    allowed.push(...(route.method === "GET" ? ["GET", "HEAD"] : [route.method]));
  }
  const where = `/v1/${path.join("/")}`;
  if (allowed.length === 0) throw new OfflineApiError(404, `Invalid URL (${request.method} ${where})`);
  const allow = allowed.join(", ");
  if (method === "OPTIONS") return Promise.resolve(new Response(null, { status: 204, headers: { allow } }));
  throw new OfflineApiError(405, `${request.method} is not allowed on ${where}; it takes ${allow}.`, {
    code: "method_not_allowed",
    headers: { allow },
  });
}
