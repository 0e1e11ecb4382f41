import "server-only";
import { ArborError } from "@/lib/contracts/errors";

// SQLSTATE classes and driver errors that mean "the database cannot be reached right now", not "the query is wrong".
const UNAVAILABLE_STATES = /^(08|53|57P0[1-3])/;
const UNAVAILABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);
const UNAVAILABLE_MESSAGES = /Connection terminated|connection (?:is )?(?:closed|lost|ended)|Client has encountered a connection error|timeout exceeded when trying to connect|the database system is (?:starting up|shutting down)|terminating connection/i;

/** Whether an error (or its cause) says the database is unreachable for now; such a call is worth retrying. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_CODES.has(code))) return true;
    if (UNAVAILABLE_MESSAGES.test(e.message)) return true;
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true;
  }
  return false;
}

/** The error a route answers while the database is down: 503, and nothing about the query. */
export function databaseUnavailable(): ArborError {
  return new ArborError("database_unavailable", "The database is unavailable right now. Nothing was lost; try again in a moment.");
}
