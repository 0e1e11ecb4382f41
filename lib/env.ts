import { z } from "zod";
import { modelPriceSchema } from "@/lib/contracts/providers";


/** One configured Responses-compatible provider, as written in ARBOR_PROVIDERS. */
export const providerConfigSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "lowercase letters, digits, - and _"),
  label: z.string().min(1),
  baseURL: z.string().url(),
  apiKeyEnv: z.string().min(1).optional(),
  models: z.array(z.string().min(1)).min(1),
  capabilities: z
    .object({
      store: z.boolean().default(true),
      previousResponseId: z.boolean().default(true),
      hostedTools: z.array(z.string()).default([]),
    })
    .partial()
    .default({}),
  /** Prices per model (USD per 1M tokens); a model without one shows no cost. */
  prices: z.record(z.string(), modelPriceSchema).default({}),
});
export type ProviderConfig = z.infer<typeof providerConfigSchema>;

const providersJson = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (!raw || raw.trim() === "") return [];
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "ARBOR_PROVIDERS is not valid JSON" });
      return z.NEVER;
    }
  })
  .pipe(z.array(providerConfigSchema));

/** A setting where an empty value means unset (compose files and .env templates leave them empty). */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  ARBOR_DATA_DIR: z.string().min(1).default(".arbor"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Where the server reaches its own offline engine; defaults to loopback on PORT. */
  ARBOR_OFFLINE_BASE_URL: z.string().url().optional(),
  /** A SearxNG instance for the offline engine's web_search, instead of the local corpus. */
  ARBOR_SEARXNG_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  /** Pace of the offline engine's streams, in tokens per second (0 = as fast as possible). */
  ARBOR_OFFLINE_TPS: z.coerce.number().min(0).default(60),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  ARBOR_PROVIDERS: providersJson,
  /** Create the example tree on the first start of an installation ("off" to skip, as the tests do). */
  ARBOR_EXAMPLE_TREE: z
    .enum(["on", "off"])
    .default("on")
    .transform((v) => v === "on"),
  /** Largest accepted request body for node creation, in bytes. */
  ARBOR_MAX_INPUT_BYTES: z.coerce.number().int().positive().default(1_000_000),
  /** Host names Arbor answers to besides loopback and HOST, comma-separated (`*.example.com` allows subdomains). */
  ARBOR_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((list) => list.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean)),
  /** How long a running node's lease lasts unless its instance renews it, in milliseconds. */
  ARBOR_LEASE_TTL_MS: z.coerce.number().int().min(300).default(6_000),
  /** On SIGTERM, how long running nodes may take to finish before their leases are handed back, in seconds. */
  ARBOR_SHUTDOWN_GRACE_S: z.coerce.number().min(0).default(25),
  /**
   * Sign-in: "on" requires an account for everything but read-only links; "off" runs as one local owner. Unset, it is
   * off on loopback and on when HOST is any other address.
   */
  ARBOR_AUTH: z.enum(["on", "off"]).optional().or(z.literal("").transform(() => undefined)),
  /** The server's secret (sessions, invite tokens, encrypted provider keys); required when sign-in is on. */
  ARBOR_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional().or(z.literal("").transform(() => undefined)),
  /** The address people use to reach Arbor (links, cookies' Secure flag when https); defaults to http://HOST:PORT. */
  ARBOR_PUBLIC_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  /** Node creations allowed per user per minute. */
  ARBOR_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Streams one user may run at once. */
  ARBOR_MAX_CONCURRENT_STREAMS: z.coerce.number().int().min(1).default(8),
  /** How much the server logs (JSON lines on stdout). */
  ARBOR_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  /** An OpenID Connect issuer for "Sign in with …" (its discovery document is at <issuer>/.well-known/openid-configuration). */
  ARBOR_OIDC_ISSUER: optionalText.pipe(z.string().url("must be a URL, such as https://id.example.com/realms/team").optional()),
  /** The client id Arbor is registered under at the issuer. */
  ARBOR_OIDC_CLIENT_ID: optionalText,
  /** The client secret that goes with ARBOR_OIDC_CLIENT_ID. */
  ARBOR_OIDC_CLIENT_SECRET: optionalText,
  /** What the sign-in button calls the issuer ("Sign in with <name>"). */
  ARBOR_OIDC_NAME: optionalText.transform((name) => name ?? "SSO").pipe(z.string().max(40, "at most 40 characters (it is a button label)")),
});

const OIDC_SETTINGS = ["ARBOR_OIDC_ISSUER", "ARBOR_OIDC_CLIENT_ID", "ARBOR_OIDC_CLIENT_SECRET"] as const;

/** OIDC sign-in takes all three of issuer, client id and secret, or none of them. */
const checkedEnvSchema = envSchema.superRefine((e, ctx) => {
  const given = OIDC_SETTINGS.filter((name) => e[name] !== undefined);
  if (given.length === 0 || given.length === OIDC_SETTINGS.length) return;
  for (const name of OIDC_SETTINGS.filter((n) => e[n] === undefined)) {
    ctx.addIssue({ code: "custom", path: [name], message: `needed for OIDC sign-in, because ${given.join(" and ")} ${given.length === 1 ? "is" : "are"} set` });
  }
});

export type Env = z.infer<typeof checkedEnvSchema>;

let cached: Env | undefined;

/** The environment, parsed once; a bad value fails with a readable list of problems. */
export function env(): Env {
  if (cached) return cached;
  const parsed = checkedEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "env"}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Forget the parsed environment (tests change process.env between cases). */
export function resetEnvForTests(): void {
  cached = undefined;
}
