import { ArborError } from "@/lib/contracts/errors";
import { env } from "@/lib/env";

// Arbor answers only requests addressed to it by a name it knows (DNS rebinding: a page on evil.example whose name
// resolves to 127.0.0.1 sends `Host: evil.example`), and changes nothing for a page of another site (CSRF: forms,
// no-cors fetches). Programs (curl, SDKs) send neither Origin nor Sec-Fetch-Site, and are let through.

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]", "::1"];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The host names Arbor answers to: loopback, the address it was told to listen on, and ARBOR_ALLOWED_HOSTS. */
export function allowedHosts(): string[] {
  const { HOST, ARBOR_ALLOWED_HOSTS } = env();
  const listen = HOST.trim().toLowerCase();
  return [...LOOPBACK_NAMES, ...(listen && listen !== "0.0.0.0" && listen !== "::" ? [listen] : []), ...ARBOR_ALLOWED_HOSTS];
}

/** The host name of a `host[:port]` value, lowercased (IPv6 keeps its brackets). */
export function hostName(hostHeader: string): string {
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  return host.split(":")[0]!;
}

/** Whether a host name is one Arbor answers to (`*.example.com` in the list allows every subdomain). */
export function isAllowedHost(name: string, allowed: readonly string[] = allowedHosts()): boolean {
  if (name.endsWith(".localhost")) return true;
  return allowed.some((entry) => {
    const host = hostName(entry);
    return host === "*" || host === name || (host.startsWith("*.") && name.endsWith(host.slice(1)));
  });
}

/** The Host a request was sent to: its header, else (a Request made in process) its URL's. */
function requestHost(request: Request): string {
  return request.headers.get("host") ?? new URL(request.url).host;
}

/** Refuse a request addressed to a host Arbor does not answer to (403 host_not_allowed). */
export function assertAllowedHost(request: Request): void {
  const host = requestHost(request);
  if (!isAllowedHost(hostName(host))) {
    throw new ArborError("host_not_allowed", `Arbor does not answer to the host "${hostName(host).slice(0, 100)}". Add it to ARBOR_ALLOWED_HOSTS to allow it.`);
  }
}

/**
 * Refuse what a page of another site sends: anything marked cross-site, and any change (POST, PATCH, DELETE…) that a
 * browser says came from another origin (Sec-Fetch-Site), or whose Origin is not the host it was sent to.
 */
export function assertSameOrigin(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  const mutating = !SAFE_METHODS.has(request.method);
  if (site === "cross-site" || (mutating && site === "same-site")) throw crossOrigin();
  if (!mutating || site === "same-origin" || site === "none") return;
  const origin = request.headers.get("origin");
  if (origin === null) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw crossOrigin(); // "null" (a sandboxed frame, a file: page) or garbage
  }
  if (originHost.toLowerCase() !== requestHost(request).toLowerCase()) throw crossOrigin();
}

function crossOrigin(): ArborError {
  return new ArborError("cross_origin_request", "This request came from another site, so Arbor refused it. Use Arbor's own pages, or call the API from a program.");
}
