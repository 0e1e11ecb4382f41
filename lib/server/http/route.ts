import "server-only";
import { ArborError } from "@/lib/contracts/errors";
import { assertAllowedHost, assertSameOrigin } from "./guard";
import { API_CSP, BASE_SECURITY_HEADERS } from "./headers";
import { errorResponse } from "./respond";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wrap a route handler of Arbor's API: the request is checked first (a host Arbor answers to, not sent by a page of
 * another site), then handled; every failure answers the one error shape.
 */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    let response: Response;
    try {
      assertAllowedHost(request);
      assertSameOrigin(request);
      response = await handler(request, context);
    } catch (err) {
      response = errorResponse(err);
    }
    return withApiHeaders(response);
  };
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
