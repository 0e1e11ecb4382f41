import { ArborError, type ErrorCode } from "@/lib/contracts/errors";
import { OfflineApiError } from "../core/errors";

// Arbor's shared request readers and guards (lib/server/http) refuse with ArborErrors; the engine answers every
// refusal in OpenAI's shape. This is the one place that translates the first into the second.

// Arbor's code -> OpenAI's, where they differ.
const OPENAI_CODES: Partial<Record<ErrorCode, string>> = {
  bad_request: "invalid_value",
  payload_too_large: "request_too_large",
};

/** An ArborError as the engine answers it: same status and message, OpenAI's type, param and code. */
export function fromArborError(err: ArborError, options: { param?: string; code?: string; message?: string } = {}): OfflineApiError {
  return new OfflineApiError(err.status, options.message ?? err.message, {
    param: options.param ?? null,
    code: options.code ?? OPENAI_CODES[err.code] ?? err.code,
    headers: err.retryAfterSeconds === undefined ? {} : { "retry-after": String(err.retryAfterSeconds) },
  });
}

/** Turn anything thrown while handling a request into an OpenAI-shaped answer. */
export function errorResponse(err: unknown): Response {
  if (err instanceof OfflineApiError) return err.toResponse();
  if (err instanceof ArborError) return fromArborError(err).toResponse();
  console.error("[offline] unexpected error", err);
  return new OfflineApiError(500, "The offline engine had an internal error while processing your request.", {
    code: "server_error",
  }).toResponse();
}
