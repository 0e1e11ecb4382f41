import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvForTests } from "@/lib/env";
import { oidcProviderConfig, oidcRedirectUri, oidcSettings } from "@/lib/server/auth/oidc";
import { oidcErrorMessage } from "@/components/auth/oidc-error";

const OIDC_VARS = ["ARBOR_OIDC_ISSUER", "ARBOR_OIDC_CLIENT_ID", "ARBOR_OIDC_CLIENT_SECRET", "ARBOR_OIDC_NAME"] as const;

function withEnv(values: Partial<Record<(typeof OIDC_VARS)[number], string>>) {
  for (const name of OIDC_VARS) delete process.env[name];
  Object.assign(process.env, values);
  resetEnvForTests();
  return env;
}

describe("OIDC sign-in settings (ARBOR_OIDC_*)", () => {
  afterEach(() => {
    withEnv({});
  });

  it("is off when unset or left empty, and offers nothing to Better Auth", () => {
    expect(oidcSettings(withEnv({})())).toBeNull();
    expect(oidcSettings(withEnv({ ARBOR_OIDC_ISSUER: "", ARBOR_OIDC_CLIENT_ID: " ", ARBOR_OIDC_CLIENT_SECRET: "" })())).toBeNull();
    expect(oidcProviderConfig(env())).toEqual([]);
  });

  it("discovers the issuer's endpoints, asks for openid email profile with PKCE, and names the button", () => {
    const e = withEnv({ ARBOR_OIDC_ISSUER: "https://id.example.com/realms/team/", ARBOR_OIDC_CLIENT_ID: "arbor", ARBOR_OIDC_CLIENT_SECRET: "s3cret" })();
    expect(oidcSettings(e)).toMatchObject({ issuer: "https://id.example.com/realms/team", name: "SSO" });
    const [config] = oidcProviderConfig(e);
    expect(config).toMatchObject({
      providerId: "oidc",
      discoveryUrl: "https://id.example.com/realms/team/.well-known/openid-configuration",
      scopes: ["openid", "email", "profile"],
      pkce: true,
      requireIdTokenVerification: true,
    });
    expect(oidcRedirectUri("https://arbor.example.com")).toBe("https://arbor.example.com/api/auth/callback/oidc");
    expect(oidcSettings(withEnv({ ARBOR_OIDC_ISSUER: "https://id.example.com", ARBOR_OIDC_CLIENT_ID: "a", ARBOR_OIDC_CLIENT_SECRET: "b", ARBOR_OIDC_NAME: "Okta" })())?.name).toBe("Okta");
  });

  it("refuses to start with half a configuration or an issuer that is not a URL, and says which setting is missing", () => {
    expect(withEnv({ ARBOR_OIDC_ISSUER: "https://id.example.com" })).toThrow(/ARBOR_OIDC_CLIENT_ID: needed for OIDC sign-in[\s\S]*ARBOR_OIDC_CLIENT_SECRET/);
    expect(withEnv({ ARBOR_OIDC_ISSUER: "id.example.com", ARBOR_OIDC_CLIENT_ID: "a", ARBOR_OIDC_CLIENT_SECRET: "b" })).toThrow(/ARBOR_OIDC_ISSUER: must be a URL/);
  });
});

describe("the sign-in page's words for a failed OIDC callback", () => {
  it("explains the invite rule, and shows no text a link could smuggle in", () => {
    expect(oidcErrorMessage("INVITE_REQUIRED", "Okta")).toContain("accounts are made by invitation");
    expect(oidcErrorMessage("state_mismatch", "Okta")).toContain("Try again");
    expect(oidcErrorMessage("server_error", "Okta")).toBe("Sign-in with Okta failed (server_error). Try again, or ask a workspace owner.");
    expect(oidcErrorMessage("<script>alert(1)</script>", "Okta")).toBe("Sign-in with Okta failed. Try again.");
  });
});
