// The security headers of every answer. Pages get a Content-Security-Policy with a fresh nonce per request: scripts
// run only from Arbor's origin or with that nonce (no inline event handlers, no eval in production), Arbor is never
// framed, and images load only from Arbor itself, data: and blob: URLs, and https (remote images in answers and
// inputs are shown only when the user asks for them). API answers are data, never documents.

/** Headers every response carries. */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

/** The CSP of API answers: nothing in them may run or load, even if a browser is tricked into rendering one. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** The CSP of a page, with this request's script nonce. */
export function pageCsp(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React and React Flow set style attributes; styles cannot run code, so inline ones are allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "media-src 'self' data: blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
