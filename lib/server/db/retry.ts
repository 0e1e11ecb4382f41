import "server-only";
import { log } from "@/lib/server/log";
import { isDatabaseUnavailable } from "./errors";

const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 2_000;
/** How long a save keeps being retried while the database is unreachable. */
const RETRY_FOR_MS = 60_000;

/** The outcome of a retried write: its value, or that it never got through. */
export type Saved<T> = { saved: true; value: T } | { saved: false };

/**
 * Run a database write, retrying it while the database is unreachable (backing off, for up to a minute). Other
 * failures are not retried. A write that never got through is logged and answered `{saved: false}`.
 */
export async function saveWithRetry<T>(write: () => Promise<T>, what: string, retryForMs = RETRY_FOR_MS): Promise<Saved<T>> {
  const deadline = Date.now() + retryForMs;
  for (let wait = RETRY_FIRST_MS; ; wait = Math.min(wait * 2, RETRY_MAX_MS)) {
    try {
      return { saved: true, value: await write() };
    } catch (err) {
      if (!isDatabaseUnavailable(err) || Date.now() + wait > deadline) {
        log.error({ err }, `could not save ${what}`);
        return { saved: false };
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
