/** Stable error codes shared by the server and the browser; each maps to one HTTP status. */
export const errorStatus = {
  bad_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  cross_origin_request: 403,
  host_not_allowed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  budget_exceeded: 402,
  internal_error: 500,
  upstream_error: 502,
  upstream_unavailable: 503,
  database_unavailable: 503,
  shutting_down: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** The body of every error Arbor's API answers. */
export type ErrorBody = { error: { code: ErrorCode; message: string; retryAfterSeconds?: number } };

/** An error whose code and message are fit to show to the user. */
export class ArborError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Seconds to wait before trying again (a provider's or Arbor's rate limit). */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: { retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "ArborError";
    this.code = code;
    this.status = errorStatus[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}) } };
  }
}

/** Read an `{error: {code, message}}` body (or anything else) into an ArborError. */
export function errorFromBody(status: number, body: unknown): ArborError {
  const err = (body as { error?: { code?: unknown; message?: unknown; retryAfterSeconds?: unknown } } | null)?.error;
  const code = typeof err?.code === "string" && err.code in errorStatus ? (err.code as ErrorCode) : codeForStatus(status);
  const message = typeof err?.message === "string" ? err.message : `Request failed with status ${status}`;
  const retryAfterSeconds = typeof err?.retryAfterSeconds === "number" ? err.retryAfterSeconds : undefined;
  return new ArborError(code, message, { retryAfterSeconds });
}

function codeForStatus(status: number): ErrorCode {
  const found = (Object.entries(errorStatus) as [ErrorCode, number][]).find(([, s]) => s === status);
  return found ? found[0] : status >= 500 ? "internal_error" : "bad_request";
}
