/** Stable error codes shared by the server and the browser; each maps to one HTTP status. */
export const errorStatus = {
  bad_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  upstream_error: 502,
  upstream_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** The body of every error Arbor's API answers. */
export type ErrorBody = { error: { code: ErrorCode; message: string } };

/** An error whose code and message are fit to show to the user. */
export class ArborError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "ArborError";
    this.code = code;
    this.status = errorStatus[code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

/** Read an `{error: {code, message}}` body (or anything else) into an ArborError. */
export function errorFromBody(status: number, body: unknown): ArborError {
  const err = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof err?.code === "string" && err.code in errorStatus ? (err.code as ErrorCode) : codeForStatus(status);
  const message = typeof err?.message === "string" ? err.message : `Request failed with status ${status}`;
  return new ArborError(code, message);
}

function codeForStatus(status: number): ErrorCode {
  const found = (Object.entries(errorStatus) as [ErrorCode, number][]).find(([, s]) => s === status);
  return found ? found[0] : status >= 500 ? "internal_error" : "bad_request";
}
