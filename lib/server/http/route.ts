import "server-only";
import { ArborError } from "@/lib/contracts/errors";
import { actAs } from "@/lib/server/auth/context";
import { authorize } from "@/lib/server/auth/authorize";
import { assertAllowedHost, assertSameOrigin } from "./guard";
import { API_CSP, BASE_SECURITY_HEADERS } from "./headers";
import { log } from "@/lib/server/log";
import { metrics } from "@/lib/server/metrics";
import { errorResponse } from "./respond";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wrap a route handler of Arbor's API: the request is checked first (a host Arbor answers to, not sent by a page of
 * another site, allowed for its sender by lib/server/auth/policy.ts), then handled on the sender's behalf; every
 * failure answers the one error shape.
 */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const startedAt = performance.now();
    const requestId = requestIdOf(request);
    let response: Response;
    try {
      assertAllowedHost(request);
      assertSameOrigin(request);
      const principal = await authorize(request);
      response = principal ? await actAs(principal, () => handler(request, context)) : await handler(request, context);
    } catch (err) {
      response = errorResponse(err, requestId);
    }
    response = withApiHeaders(response);
    response.headers.set("x-request-id", requestId);
    // One line per request: what was asked and how it went; never the body, the query string or a header's value.
    const path = new URL(request.url).pathname;
    log.info({ requestId, method: request.method, path, status: response.status, ms: Math.round(performance.now() - startedAt) }, "request");
    metrics().requests.inc({ method: request.method, status: String(response.status) });
    return response;
  };
}

/** The caller's request id when it sent a sane one (a proxy's), else a new one. */
function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : crypto.randomUUID();
}

/** The security headers of an API answer (set where the handler did not set its own). */
export function withApiHeaders(response: Response): Response {
  for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) if (!response.headers.has(name)) response.headers.set(name, value);
  if (!response.headers.has("content-security-policy")) response.headers.set("content-security-policy", API_CSP);
  return response;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * Handlers for the methods a route does not serve: 405 in the one error shape, with `Allow`. Spread into the route's
 * exports: `export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST")`.
 */
export function otherMethods(...allowed: Method[]): Record<Method, Handler<unknown>> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : [])].join(", ");
  const refuse: Handler<unknown> = async (request) => {
    const response = errorResponse(new ArborError("method_not_allowed", `${request.method} is not allowed here; this route takes ${allow}.`));
    response.headers.set("allow", allow);
    return response;
  };
  return Object.fromEntries(METHODS.map((m) => [m, refuse])) as Record<Method, Handler<unknown>>;
}
