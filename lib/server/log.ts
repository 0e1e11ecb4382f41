import "server-only";
import pino from "pino";
import { scrubText } from "./secrets";

/**
 * The server's one logger: JSON lines on stdout, every message and error scrubbed of keys. Database errors are logged
 * by what failed and why, never with the query's parameters (they hold what users typed).
 */
export const log = pino({
  name: "arbor",
  level: process.env.ARBOR_LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: undefined,
  hooks: {
    logMethod(args, method) {
      method.apply(this, args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg)) as Parameters<typeof method>);
    },
  },
  serializers: { err: describeError },
});

/** An error as it may be logged: its name, code and message (keys scrubbed), the cause's too; no query parameters. */
export function describeError(err: unknown): { type: string; message: string; code?: string; cause?: unknown; stack?: string } {
  if (!(err instanceof Error)) return { type: typeof err, message: scrubText(String(err)) };
  const code = (err as { code?: unknown }).code;
  // drizzle's DrizzleQueryError puts the SQL and its parameters in its message; the driver's error is its cause.
  const isQueryError = err.name === "DrizzleQueryError" || /^Failed query:/.test(err.message);
  const cause = (err as { cause?: unknown }).cause;
  return {
    type: err.name,
    message: isQueryError ? "database query failed" : scrubText(err.message),
    ...(typeof code === "string" ? { code } : {}),
    ...(cause !== undefined ? { cause: describeError(cause) } : {}),
    ...(isQueryError || !err.stack ? {} : { stack: scrubText(err.stack) }),
  };
}
