import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { allowedHosts, assertAllowedHost, assertSameOrigin, isAllowedHost } from "@/lib/server/http/guard";
import { proxy } from "@/proxy";

const request = (url: string, init: { method?: string; headers?: Record<string, string> } = {}) => new Request(url, init);
const refusal = (act: () => void): string | null => {
  try {
    act();
    return null;
  } catch (err) {
    return (err as { code?: string }).code ?? "thrown";
  }
};

describe("hosts Arbor answers to", () => {
  const saved = { hosts: process.env.ARBOR_ALLOWED_HOSTS, host: process.env.HOST };
  afterEach(() => {
    for (const [name, value] of [["ARBOR_ALLOWED_HOSTS", saved.hosts], ["HOST", saved.host]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvForTests();
  });

  it("answers loopback names by default and refuses any other name (DNS rebinding)", () => {
    process.env.ARBOR_ALLOWED_HOSTS = "";
    delete process.env.HOST;
    resetEnvForTests();
    for (const host of ["localhost", "127.0.0.1", "[::1]", "app.localhost"]) expect(isAllowedHost(host), host).toBe(true);
    for (const host of ["evil.example", "127.0.0.1.nip.io", "localhost.evil.example"]) expect(isAllowedHost(host), host).toBe(false);
    expect(refusal(() => assertAllowedHost(request("http://127.0.0.1:3000/api/trees", { headers: { host: "evil.example:3000" } })))).toBe("host_not_allowed");
    expect(refusal(() => assertAllowedHost(request("http://127.0.0.1:3000/api/trees", { headers: { host: "localhost:3000" } })))).toBeNull();
  });

  it("adds the address it listens on and ARBOR_ALLOWED_HOSTS, wildcards included", () => {
    process.env.HOST = "10.0.0.5";
    process.env.ARBOR_ALLOWED_HOSTS = "arbor.example.com, *.team.example";
    resetEnvForTests();
    expect(allowedHosts()).toEqual(expect.arrayContaining(["10.0.0.5", "arbor.example.com", "*.team.example"]));
    expect(isAllowedHost("arbor.example.com")).toBe(true);
    expect(isAllowedHost("playground.team.example")).toBe(true);
    expect(isAllowedHost("team.example.evil")).toBe(false);
    process.env.HOST = "0.0.0.0";
    resetEnvForTests();
    expect(allowedHosts()).not.toContain("0.0.0.0");
  });
});

describe("requests from other sites", () => {
  const url = "http://127.0.0.1:3000/api/trees";
  const host = { host: "127.0.0.1:3000" };

  it("lets programs through: no Origin, no Sec-Fetch-Site", () => {
    expect(refusal(() => assertSameOrigin(request(url, { method: "POST", headers: host })))).toBeNull();
  });

  it("lets Arbor's own pages through", () => {
    expect(refusal(() => assertSameOrigin(request(url, { method: "POST", headers: { ...host, "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:3000" } })))).toBeNull();
    expect(refusal(() => assertSameOrigin(request(url, { method: "DELETE", headers: { ...host, origin: "http://127.0.0.1:3000" } })))).toBeNull();
    expect(refusal(() => assertSameOrigin(request(url, { headers: { ...host, "sec-fetch-site": "same-site" } })))).toBeNull();
  });

  it("refuses what another site sends, reads included when the browser marks them cross-site", () => {
    const cases: [string, Record<string, string>][] = [
      ["POST", { "sec-fetch-site": "cross-site" }],
      ["GET", { "sec-fetch-site": "cross-site" }],
      ["POST", { "sec-fetch-site": "same-site" }],
      ["POST", { origin: "https://evil.example" }],
      ["PATCH", { origin: "http://127.0.0.1:3001" }],
      ["DELETE", { origin: "null" }],
    ];
    for (const [method, headers] of cases) {
      expect(refusal(() => assertSameOrigin(request(url, { method, headers: { ...host, ...headers } }))), `${method} ${JSON.stringify(headers)}`).toBe("cross_origin_request");
    }
  });
});

describe("the page proxy", () => {
  it("refuses a page asked for through another host name, and gives pages a CSP with a fresh nonce", async () => {
    const refused = proxy(new NextRequest("http://127.0.0.1:3000/", { headers: { host: "evil.example" } }));
    expect(refused.status).toBe(403);
    const first = proxy(new NextRequest("http://127.0.0.1:3000/", { headers: { host: "127.0.0.1:3000" } }));
    const second = proxy(new NextRequest("http://127.0.0.1:3000/", { headers: { host: "127.0.0.1:3000" } }));
    const csp = first.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(second.headers.get("content-security-policy")).not.toBe(csp);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("no-referrer");
  });
});
