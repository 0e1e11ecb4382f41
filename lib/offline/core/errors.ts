/** The `type` field of an OpenAI error body. */
export type OpenAIErrorType = "invalid_request_error" | "requests" | "server_error" | "not_found_error";

/** An error the offline engine answers in OpenAI's shape: `{error: {message, type, param, code}}`. */
export class OfflineApiError extends Error {
  readonly status: number;
  readonly type: OpenAIErrorType;
  readonly param: string | null;
  readonly code: string | null;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    message: string,
    options: { type?: OpenAIErrorType; param?: string | null; code?: string | null; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "OfflineApiError";
    this.status = status;
    this.type = options.type ?? (status >= 500 ? "server_error" : "invalid_request_error");
    this.param = options.param ?? null;
    this.code = options.code ?? null;
    this.headers = options.headers ?? {};
  }

  toResponse(): Response {
    const body = { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
    return Response.json(body, { status: this.status, headers: this.headers });
  }
}

/** 404 for an id this engine never stored (or no longer stores). */
export function responseNotFound(id: string): OfflineApiError {
  return new OfflineApiError(404, `Response with id '${id}' not found.`, { param: "response_id", code: null });
}

/** 400 when `previous_response_id` names a response that cannot be loaded (unknown, deleted, or `store: false`). */
export function previousResponseNotFound(id: string): OfflineApiError {
  return new OfflineApiError(400, `Previous response with id '${id}' not found.`, {
    param: "previous_response_id",
    code: "previous_response_not_found",
  });
}
