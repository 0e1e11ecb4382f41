import "server-only";
import type { GenericOAuthConfig } from "better-auth/plugins";
import { OIDC_PROVIDER_ID } from "@/lib/contracts/team";
import type { Env } from "@/lib/env";

/** The issuer to offer on the sign-in page, or null when ARBOR_OIDC_* is unset (env validation keeps them together). */
export function oidcSettings(e: Env): { issuer: string; clientId: string; clientSecret: string; name: string } | null {
  if (!e.ARBOR_OIDC_ISSUER || !e.ARBOR_OIDC_CLIENT_ID || !e.ARBOR_OIDC_CLIENT_SECRET) return null;
  return { issuer: e.ARBOR_OIDC_ISSUER.replace(/\/+$/, ""), clientId: e.ARBOR_OIDC_CLIENT_ID, clientSecret: e.ARBOR_OIDC_CLIENT_SECRET, name: e.ARBOR_OIDC_NAME };
}

/** The address to register at the issuer as the client's redirect URI. */
export function oidcRedirectUri(publicUrl: string): string {
  return `${publicUrl}/api/auth/callback/${OIDC_PROVIDER_ID}`;
}

/** The generic OAuth plugin's configuration: discovery, the code flow with PKCE, openid email profile. */
export function oidcProviderConfig(e: Env): GenericOAuthConfig[] {
  const settings = oidcSettings(e);
  if (!settings) return [];
  return [
    {
      providerId: OIDC_PROVIDER_ID,
      name: settings.name,
      discoveryUrl: `${settings.issuer}/.well-known/openid-configuration`,
      // Without the issuer's keys an ID token would be decoded unverified; refuse to offer the provider instead.
      requireIdTokenVerification: true,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      scopes: ["openid", "email", "profile"],
      pkce: true,
    },
  ];
}
