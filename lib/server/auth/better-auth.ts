import "server-only";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { betterAuth } from "better-auth";
import { addOAuthServerContext, APIError, createAuthMiddleware, getOAuthState } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins";
import { OIDC_PROVIDER_ID } from "@/lib/contracts/team";
import { env } from "@/lib/env";
import { getDb, type Db } from "@/lib/server/db/client";
import { authAccounts, authSessions, authUsers, authVerifications } from "@/lib/server/db/schema";
import { acceptInvite, addMember, countAccounts, findOpenInvite } from "@/lib/server/db/workspaces";
import { log } from "@/lib/server/log";
import { LOCAL_PRINCIPAL } from "./context";
import { oidcProviderConfig } from "./oidc";
import { hashToken } from "./tokens";

/** The address people reach Arbor at: ARBOR_PUBLIC_URL, else the listen address. */
export function publicUrl(): string {
  const e = env();
  if (e.ARBOR_PUBLIC_URL) return e.ARBOR_PUBLIC_URL.replace(/\/+$/, "");
  const host = e.HOST === "0.0.0.0" || e.HOST === "::" ? "127.0.0.1" : e.HOST;
  return `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${e.PORT}`;
}

/** The origin a request was addressed to (its Host, which the route wrapper has already allowed). */
function requestOrigin(request: Request): string {
  const host = request.headers.get("host") ?? new URL(request.url).host;
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? new URL(request.url).protocol.replace(":", "");
  return `${proto === "https" ? "https" : "http"}://${host}`;
}

function inviteTokenOf(body: unknown): string | null {
  const token = (body as { inviteToken?: unknown } | null)?.inviteToken;
  return typeof token === "string" && token.length > 0 && token.length < 200 ? token : null;
}

const INVITE_REQUIRED_MESSAGE = "Accounts are made by invitation. Ask a workspace owner for an invite link (it may have expired).";

type HookContext = { path?: string; body?: unknown } | null | undefined;

/**
 * The hash of the invite a new account is made with: from the sign-up form's body, or, after an OIDC redirect, from the
 * server context the sign-in request stored in Better Auth's OAuth state (never from the client-supplied part of it).
 */
async function inviteHashFor(ctx: HookContext): Promise<string | null> {
  const token = inviteTokenOf(ctx?.body);
  if (token) return hashToken(token);
  if (!ctx?.path?.startsWith("/callback/")) return null;
  const hash = (await getOAuthState())?.serverContext?.inviteHash;
  return typeof hash === "string" ? hash : null;
}

/**
 * Better Auth on Arbor's database: email and password, and OIDC when ARBOR_OIDC_* is set; sign-up by invite either way
 * (the first account becomes the owner).
 */
function createAuth(db: Db) {
  const e = env();
  const base = publicUrl();

  /**
   * `signIn.social({additionalData: {inviteToken}})` from an invite page: refuse a dead invite before the redirect, and
   * keep only the token's hash, in the server context that comes back with the callback.
   */
  async function carryInviteThroughRedirect(body: unknown) {
    const sent = (body as { provider?: unknown; additionalData?: unknown } | null) ?? {};
    const token = inviteTokenOf(sent.additionalData);
    if (sent.provider !== OIDC_PROVIDER_ID || !token) return;
    const hash = hashToken(token);
    if (!(await findOpenInvite(db, hash))) {
      throw new APIError("FORBIDDEN", { message: "This invite link does not work any more: it may have expired or been used already. Ask the workspace owner for a new one.", code: "INVITE_EXPIRED" });
    }
    await addOAuthServerContext({ inviteHash: hash });
    // The client-supplied part of the state is saved too; let it hold the hash, as the invites table does, not the token.
    return { context: { body: { ...sent, additionalData: { ...(sent.additionalData as object), inviteToken: hash } } } };
  }

  return betterAuth({
    appName: "Arbor",
    baseURL: base,
    basePath: "/api/auth",
    secret: e.ARBOR_SECRET,
    telemetry: { enabled: false },
    database: drizzleAdapter(db, { provider: "pg", schema: { user: authUsers, session: authSessions, account: authAccounts, verification: authVerifications } }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 256, autoSignIn: true },
    plugins: [genericOAuth({ config: oidcProviderConfig(e) })],
    account: {
      // Someone with a password account who signs in through the issuer joins the two when the issuer says it verified
      // that email. Arbor never verifies emails itself, so the local side cannot be required to be verified; accounts
      // only exist by invite, which is what keeps a stranger from pre-registering someone else's address.
      accountLinking: { enabled: true, requireLocalEmailVerified: false },
    },
    // Better Auth allows 3 /sign-in/* requests per 10 s per address. Starting an OIDC redirect checks no credential
    // (the issuer does), and a team behind one proxy shares an address, so that one is allowed more often.
    rateLimit: { customRules: { "/sign-in/social": { window: 60, max: 30 } } },
    // A callback that fails before its state is read (no state, an unknown one) lands on the sign-in page too.
    onAPIError: { errorURL: `${base}/sign-in` },
    trustedOrigins: (request) => [base, ...(request ? [requestOrigin(request)] : [])],
    advanced: {
      useSecureCookies: base.startsWith("https:"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    logger: { log: (level, message) => log[level]({ from: "better-auth" }, message) },
    hooks: {
      // Anyone may create the first account; after that, only someone holding an open invite.
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-in/social") return carryInviteThroughRedirect(ctx.body);
        if (ctx.path !== "/sign-up/email") return;
        if ((await countAccounts(db)) === 0) return;
        const token = inviteTokenOf(ctx.body);
        if (!token || !(await findOpenInvite(db, hashToken(token)))) {
          throw new APIError("FORBIDDEN", { message: INVITE_REQUIRED_MESSAGE, code: "INVITE_REQUIRED" });
        }
      }),
    },
    databaseHooks: {
      user: {
        create: {
          // The one gate every way of making an account passes (the email form is also refused earlier, above).
          before: async (_user, ctx) => {
            if ((await countAccounts(db)) === 0) return;
            const hash = await inviteHashFor(ctx);
            if (!hash || !(await findOpenInvite(db, hash))) throw new APIError("FORBIDDEN", { message: INVITE_REQUIRED_MESSAGE, code: "INVITE_REQUIRED" });
          },
          after: async (user, ctx) => {
            const hash = await inviteHashFor(ctx);
            const invite = hash ? await findOpenInvite(db, hash) : null;
            if (invite && (await acceptInvite(db, invite.id, user.id))) {
              await addMember(db, invite.workspaceId, user.id, invite.role);
            } else if ((await countAccounts(db)) === 1) {
              // The first account owns the workspace the laptop used, so trees made before sign-in carry over.
              await addMember(db, LOCAL_PRINCIPAL.workspaceId, user.id, "owner");
            }
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

type GlobalWithAuth = typeof globalThis & { __arborAuth?: { db: Db; auth: Auth } };

/** The process's Better Auth instance, on the process's database. */
export async function getAuth(): Promise<Auth> {
  const db = await getDb();
  const g = globalThis as GlobalWithAuth;
  if (!g.__arborAuth || g.__arborAuth.db !== db) g.__arborAuth = { db, auth: createAuth(db) };
  return g.__arborAuth.auth;
}
