import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { nodeListener } from "@/lib/server/http/node-bridge";
import { PROXY_PREFIX, serveProxy } from "./dispatch";

// The recording proxy served by Arbor's HTTP server itself, before Next's router: Next's work per request (routing,
// its request and response wrappers, piping a web stream into Node's) was most of what the proxy added to a call's
// first byte. Arbor's launcher (scripts/arbor-server.mjs) hands every /api/v1/ request to the listener installed
// here once Arbor has started; before that, and under `next dev`, Next's route (app/api/v1/[...path]) serves them
// with the same handler.

/** Where the launcher finds the listener (a global: the launcher runs outside Next's bundle). */
const LISTENER = Symbol.for("arbor.proxy.listener");

type ProxyListener = { prefix: string; listener: (req: IncomingMessage, res: ServerResponse) => void };

/** Offer the proxy's listener to Arbor's launcher. */
export function installProxyListener(): void {
  (globalThis as typeof globalThis & { [LISTENER]?: ProxyListener })[LISTENER] = { prefix: PROXY_PREFIX, listener: nodeListener(serveProxy) };
}
