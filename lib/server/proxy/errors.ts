import "server-only";
import { ArborError, type ErrorCode } from "@/lib/contracts/errors";
import { databaseUnavailable, isDatabaseUnavailable } from "@/lib/server/db/errors";
import { log } from "@/lib/server/log";

// The recording proxy answers its own refusals in OpenAI's error shape, `{error: {message, type, param, code}}`,
// because OpenAI clients read that one (the SDKs raise it as an APIError with its status, code and param).

/** OpenAI's error `type` for a status. */
function typeFor(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  return status >= 500 ? "server_error" : "invalid_request_error";
}

// Arbor's code -> OpenAI's, where they differ.
const OPENAI_CODES: Partial<Record<ErrorCode, string>> = {
  bad_request: "invalid_value",
  payload_too_large: "request_too_large",
  unauthorized: "invalid_api_key",
  rate_limited: "rate_limit_exceeded",
};

/** An error the proxy raises itself (not one an upstream sent), with the parameter it is about. */
export class ProxyError extends ArborError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly param: string | null = null,
  ) {
    super(code, message);
  }
}

/** Any thrown value as an OpenAI-shaped answer; anything unexpected is logged and answered without details. */
export function openAIErrorResponse(err: unknown, requestId?: string): Response {
  const known = err instanceof ArborError ? err : isDatabaseUnavailable(err) ? databaseUnavailable() : null;
  if (!known) {
    log.error({ err, requestId }, "unexpected error in the recording proxy");
    return openAIError(500, "Arbor had an internal error while processing your request. It has been logged.", { code: "server_error" });
  }
  const headers: Record<string, string> = known.retryAfterSeconds !== undefined ? { "retry-after": String(known.retryAfterSeconds) } : {};
  return openAIError(known.status, known.message, { param: err instanceof ProxyError ? err.param : null, code: OPENAI_CODES[known.code] ?? known.code, headers });
}

/** An OpenAI-shaped error answer. */
export function openAIError(status: number, message: string, options: { param?: string | null; code?: string | null; headers?: Record<string, string> } = {}): Response {
  const body = { error: { message, type: typeFor(status), param: options.param ?? null, code: options.code ?? null } };
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...options.headers } });
}
