import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { nodeListener } from "@/lib/server/http/node-bridge";

export type Served = { url: string; close: () => Promise<void> };

/**
 * Serve a fetch-style handler over real HTTP on a random loopback port, through the same bridge Arbor's launcher
 * serves the recording proxy with (lib/server/http/node-bridge.ts).
 */
export async function serve(handler: (request: Request) => Promise<Response>): Promise<Served> {
  const server = createServer(nodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
