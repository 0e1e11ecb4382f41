import { NextResponse, type NextRequest } from "next/server";
import { assertAllowedHost } from "@/lib/server/http/guard";
import { BASE_SECURITY_HEADERS, pageCsp } from "@/lib/server/http/headers";

/**
 * Every page: refused unless it is addressed to a host Arbor answers to (DNS rebinding), and served with the security
 * headers and a per-request script nonce. API routes check the same themselves (route handlers and the offline
 * engine), so their bodies are not buffered here.
 */
export function proxy(request: NextRequest): NextResponse {
  try {
    assertAllowedHost(request);
  } catch (err) {
    return new NextResponse(err instanceof Error ? err.message : "Host not allowed", {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8", ...BASE_SECURITY_HEADERS },
    });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = pageCsp(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: not the API (which guards itself), not static files.
  matcher: [{ source: "/((?!api/|_next/static|_next/image|icon\\.svg|screenshot\\.png|favicon\\.ico).*)" }],
};
