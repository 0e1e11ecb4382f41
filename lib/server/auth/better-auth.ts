import "server-only";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { env } from "@/lib/env";
import { getDb, type Db } from "@/lib/server/db/client";
import { authAccounts, authSessions, authUsers, authVerifications } from "@/lib/server/db/schema";
import { acceptInvite, addMember, countAccounts, findOpenInvite } from "@/lib/server/db/workspaces";
import { log } from "@/lib/server/log";
import { LOCAL_PRINCIPAL } from "./context";
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

/** Better Auth on Arbor's database: email and password, sign-up by invite (the first account becomes the owner). */
function createAuth(db: Db) {
  const e = env();
  const base = publicUrl();
  return betterAuth({
    appName: "Arbor",
    baseURL: base,
    basePath: "/api/auth",
    secret: e.ARBOR_SECRET,
    telemetry: { enabled: false },
    database: drizzleAdapter(db, { provider: "pg", schema: { user: authUsers, session: authSessions, account: authAccounts, verification: authVerifications } }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 256, autoSignIn: true },
    trustedOrigins: (request) => [base, ...(request ? [requestOrigin(request)] : [])],
    advanced: {
      useSecureCookies: base.startsWith("https:"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    logger: { log: (level, message) => log[level]({ from: "better-auth" }, message) },
    hooks: {
      // Anyone may create the first account; after that, only someone holding an open invite.
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-up/email") return;
        if ((await countAccounts(db)) === 0) return;
        const token = inviteTokenOf(ctx.body);
        if (!token || !(await findOpenInvite(db, hashToken(token)))) {
          throw new APIError("FORBIDDEN", { message: "Accounts are made by invitation. Ask a workspace owner for an invite link (it may have expired).", code: "INVITE_REQUIRED" });
        }
      }),
    },
    databaseHooks: {
      user: {
        create: {
          after: async (user, ctx) => {
            const token = inviteTokenOf(ctx?.body);
            const invite = token ? await findOpenInvite(db, hashToken(token)) : null;
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
