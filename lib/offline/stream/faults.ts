import { env } from "@/lib/env";
import type { ResponseObject } from "@/lib/responses/schemas";
import { OfflineApiError } from "../core/errors";
import { finishedResponse, nowSeconds } from "./response";

/** How a request wants to be served: pace, slow first token, and the faults tests inject. */
export type DeliveryOptions = {
  /** Tokens per second while streaming (0 = no delay). */
  tokensPerSecond: number;
  /** Extra wait before the first text token, in milliseconds. */
  ttftMs: number;
  /** Answer this HTTP error instead of a response. */
  httpError: 429 | 500 | null;
  /** Close the stream after this many events, without a terminal event. */
  cutAfterEvents: number | null;
  /** After this many events, send an `error` event and `response.failed`. */
  failAfterEvents: number | null;
};

// Each option comes from a request header, or from the request's metadata (which a client can set even when it
// cannot add headers, e.g. when Arbor itself calls the engine through the SDK).
const sources = {
  fault: ["x-arbor-fault", "arbor_fault"],
  tps: ["x-arbor-offline-tps", "arbor_offline_tps"],
  ttft: ["x-arbor-offline-ttft-ms", "arbor_offline_ttft_ms"],
} as const;

/** Read the delivery options of a request (headers win over metadata; bad values are ignored). */
export function readDeliveryOptions(headers: Headers, metadata: Record<string, string> | null | undefined): DeliveryOptions {
  const read = ([header, key]: readonly [string, string]) => headers.get(header) ?? metadata?.[key] ?? null;
  const fault = read(sources.fault)?.trim().toLowerCase() ?? "";
  const count = (prefix: string) => {
    const match = new RegExp(`^${prefix}:(\\d+)$`).exec(fault);
    return match ? Number(match[1]) : null;
  };
  return {
    tokensPerSecond: nonNegative(read(sources.tps)) ?? env().ARBOR_OFFLINE_TPS,
    ttftMs: nonNegative(read(sources.ttft)) ?? 0,
    httpError: fault === "429" ? 429 : fault === "500" ? 500 : null,
    cutAfterEvents: count("cut"),
    failAfterEvents: count("fail"),
  };
}

/** The error an injected HTTP fault answers, shaped as OpenAI's. */
export function injectedHttpError(status: 429 | 500): OfflineApiError {
  if (status === 429) {
    return new OfflineApiError(429, "Rate limit reached for the offline engine (injected by x-arbor-fault: 429).", {
      type: "requests",
      code: "rate_limit_exceeded",
      headers: { "retry-after": "1" },
    });
  }
  return new OfflineApiError(500, "The server had an error while processing your request (injected by x-arbor-fault: 500).", {
    type: "server_error",
    code: "server_error",
  });
}

/** The Response an injected mid-generation failure (`x-arbor-fault: fail:N`) ends with. */
export function injectedFailedResponse(start: ResponseObject): ResponseObject {
  return finishedResponse(start, {
    status: "failed",
    output: [],
    usage: null,
    error: { code: "server_error", message: "The offline engine failed while generating (injected by x-arbor-fault: fail)." },
    completedAt: nowSeconds(),
  });
}

function nonNegative(value: string | null): number | null {
  if (value === null || value.trim() === "") return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}
