import { serveProxy } from "@/lib/server/proxy/dispatch";

// The recording proxy, on OpenAI's own paths: point an OpenAI client's base URL at /api/v1 and its Responses calls
// are answered by the provider unchanged and recorded as nodes (see lib/server/services/proxy.ts). In production
// Arbor's HTTP server answers these paths itself, before Next's router (lib/server/proxy/node-server.ts); this route
// serves them under `next dev`.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const handle = (request: Request): Promise<Response> => serveProxy(request);

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
