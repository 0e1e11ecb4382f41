import "server-only";
import { APIConnectionError, APIError } from "openai";
import { ArborError, type ErrorCode } from "@/lib/contracts/errors";
import type { NodeError } from "@/lib/contracts/nodes";
import { scrubText } from "@/lib/server/secrets";
import type { Provider } from "./registry";

/** What went wrong upstream, once: Arbor's code for it, the provider's own code and status, a message fit to show. */
export type UpstreamFailure = {
  code: ErrorCode;
  /** The provider's error code (`previous_response_not_found`, `rate_limit_exceeded`…), when it gave one. */
  upstreamCode: string | null;
  status: number | undefined;
  message: string;
  retryAfterSeconds: number | undefined;
};

const codeByStatus: Record<number, ErrorCode> = {
  400: "bad_request",
  404: "not_found",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

/** Read any failure of a provider call: its status, codes, retry delay and message (keys scrubbed, never a stack). */
export function describeUpstreamFailure(err: unknown, provider: Provider): UpstreamFailure {
  if (err instanceof APIConnectionError) {
    return { code: "upstream_unavailable", upstreamCode: null, status: undefined, retryAfterSeconds: undefined, message: scrubText(`Could not reach ${provider.label}: ${err.message}`) };
  }
  if (err instanceof APIError) {
    const body = err.error as { message?: unknown } | undefined;
    const message = scrubText(typeof body?.message === "string" ? body.message : err.message);
    const code = (err.status !== undefined ? codeByStatus[err.status] : undefined) ?? "upstream_error";
    return {
      code,
      upstreamCode: typeof err.code === "string" ? err.code : null,
      status: err.status,
      retryAfterSeconds: retryAfter(err.headers),
      message: code === "upstream_error" ? `${provider.label} answered ${err.status ?? "an error"}: ${message}` : message,
    };
  }
  if (err instanceof ArborError) return { code: err.code, upstreamCode: null, status: undefined, retryAfterSeconds: err.retryAfterSeconds, message: err.message };
  return { code: "upstream_error", upstreamCode: null, status: undefined, retryAfterSeconds: undefined, message: scrubText(err instanceof Error ? err.message : String(err)) };
}

/** A provider failure as a route answers it. */
export function toUpstreamError(err: unknown, provider: Provider): ArborError {
  if (err instanceof ArborError) return err;
  const failure = describeUpstreamFailure(err, provider);
  return new ArborError(failure.code, failure.message, { retryAfterSeconds: failure.retryAfterSeconds });
}

/** A provider failure as a node keeps it: the provider's own code where it gave one, its status and retry delay. */
export function toNodeError(err: unknown, provider: Provider): NodeError {
  const failure = describeUpstreamFailure(err, provider);
  return {
    code: failure.upstreamCode ?? (failure.code === "rate_limited" ? "rate_limit_exceeded" : failure.code === "upstream_unavailable" ? "upstream_unavailable" : "upstream_error"),
    message: failure.message,
    ...(failure.status !== undefined ? { status: failure.status } : {}),
    ...(failure.retryAfterSeconds !== undefined ? { retryAfterSeconds: failure.retryAfterSeconds } : {}),
  };
}

/** Did the provider say it no longer has the previous response? */
export function isPreviousResponseNotFound(err: unknown): boolean {
  if (!(err instanceof APIError)) return false;
  if (err.code === "previous_response_not_found") return true;
  return (err.status === 400 || err.status === 404) && /previous[_ ]response/i.test(err.message) && /not found/i.test(err.message);
}

// `retry-after` is seconds or an HTTP date; `retry-after-ms` (OpenAI's) is milliseconds.
function retryAfter(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get("retry-after-ms"));
  if (Number.isFinite(ms) && ms > 0) return Math.ceil(ms / 1000);
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
