import "server-only";

// Keys must never reach the browser, the logs or the database, even when an upstream echoes them back (some gateways
// repeat the Authorization header in their error messages). Every configured key value, and anything shaped like a
// bearer token or an API key, is replaced before text leaves the server or is saved.

const REDACTED = "[redacted]";
const TOKEN_SHAPES = [/\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi, /\b(?:sk|rk|pk|sess)-[A-Za-z0-9_-]{12,}/g, /\bsk_(?:live|test)_[A-Za-z0-9]{12,}/g];

/** Keys that are not in the environment (a workspace's own provider keys), once this process has used them. */
const runtimeSecrets = new Set<string>();

/** Scrub this secret too from now on (a key read from the database). */
export function rememberSecret(value: string): void {
  if (value.length >= 8) runtimeSecrets.add(value);
}

/** Env vars whose values are secrets, whatever ARBOR_PROVIDERS says: the keys Arbor sends upstream, and its own. */
function secretValues(): string[] {
  const names = new Set(["OPENAI_API_KEY", "ARBOR_SECRET", "ARBOR_OIDC_CLIENT_SECRET"]);
  for (const match of (process.env.ARBOR_PROVIDERS ?? "").matchAll(/"apiKeyEnv"\s*:\s*"([^"]+)"/g)) names.add(match[1]!);
  return [...[...names].map((name) => process.env[name] ?? "").filter((value) => value.length >= 8), ...runtimeSecrets];
}

/** The text with every configured key and bearer-shaped token replaced by "[redacted]". */
export function scrubText(text: string): string {
  let out = text;
  for (const secret of secretValues()) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, REDACTED);
  return out;
}

/** A JSON value with every string scrubbed (objects and arrays copied only where something changed). */
export function scrubDeep<T>(value: T): T {
  if (typeof value === "string") return scrubText(value) as T;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v: unknown) => {
      const s = scrubDeep(v);
      changed ||= s !== v;
      return s;
    });
    return (changed ? out : value) as T;
  }
  if (value !== null && typeof value === "object") {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const s = scrubDeep(v);
      changed ||= s !== v;
      out[k] = s;
    }
    return (changed ? out : value) as T;
  }
  return value;
}
