import { test } from "@playwright/test";
import { createServer, type Server } from "node:http";
import Provider, { type Configuration } from "oidc-provider";

export const OIDC_CLIENT_ID = "arbor-e2e";
export const OIDC_CLIENT_SECRET = "e2e-client-secret-that-is-long-enough";

/**
 * A real OpenID Connect issuer (panva's oidc-provider) on a loopback port, with one confidential client whose redirect
 * URI is Arbor's callback. Its development login form takes any login and password: the login is the user's email,
 * and the issuer vouches for it (`email_verified`).
 */
export class LocalOidcIssuer {
  private server: Server | null = null;
  readonly issuer: string;

  /** The port is fixed up front because Arbor's environment names the issuer before either starts. */
  constructor(readonly port: number) {
    this.issuer = `http://127.0.0.1:${port}`;
  }

  async start(arborUrl: string): Promise<void> {
    const server = createServer();
    const configuration: Configuration = {
      clients: [
        {
          client_id: OIDC_CLIENT_ID,
          client_secret: OIDC_CLIENT_SECRET,
          redirect_uris: [`${arborUrl}/api/auth/callback/oidc`],
          grant_types: ["authorization_code"],
          response_types: ["code"],
          token_endpoint_auth_method: "client_secret_post",
        },
      ],
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
      findAccount: (_ctx, login) => ({
        accountId: login,
        claims: () => ({ sub: login, email: login, email_verified: true, name: nameFromEmail(login) }),
      }),
      features: { devInteractions: { enabled: true } },
      cookies: { keys: ["e2e-cookie-key-0123456789"] },
    };
    const provider = new Provider(this.issuer, configuration);
    const handle = provider.callback();
    server.on("request", (request, response) => void handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", resolve);
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}

/** "dana.oidc@team.test" -> "Dana Oidc". */
function nameFromEmail(email: string): string {
  const local = email.split("@")[0] ?? email;
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join(" ");
}

/** One issuer for the whole spec file: started before its first test (and before Arbor, which reads its discovery). */
export function oidcIssuerForThisFile(port: number, arborUrl: string): LocalOidcIssuer {
  const issuer = new LocalOidcIssuer(port);
  test.beforeAll(async () => {
    await issuer.start(arborUrl);
  });
  test.afterAll(async () => {
    await issuer.stop();
  });
  return issuer;
}
