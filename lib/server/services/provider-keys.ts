import "server-only";
import OpenAI from "openai";
import { ArborError } from "@/lib/contracts/errors";
import type { ProviderKeyInfo } from "@/lib/contracts/team";
import { openSecret, sealSecret } from "@/lib/server/auth/crypto";
import { currentPrincipal } from "@/lib/server/auth/context";
import { getDb } from "@/lib/server/db/client";
import { deleteSealedKey, findSealedKey, listProviderKeys, upsertSealedKey } from "@/lib/server/db/provider-keys";
import { clientFor, getProvider, OFFLINE_PROVIDER_ID, type Provider } from "@/lib/server/providers/registry";
import { rememberSecret } from "@/lib/server/secrets";

/** Which providers the workspace has its own key for (never the keys). */
export async function listKeys(): Promise<ProviderKeyInfo[]> {
  return (await listProviderKeys(await getDb(), currentPrincipal().workspaceId)).map((k) => ({ providerId: k.providerId, updatedAt: k.updatedAt.toISOString() }));
}

/** Store the workspace's key for a provider, encrypted with ARBOR_SECRET. */
export async function setKey(providerId: string, apiKey: string): Promise<void> {
  const provider = getProvider(providerId, "not_found");
  if (provider.id === OFFLINE_PROVIDER_ID) throw new ArborError("bad_request", "The offline engine needs no key.");
  const { workspaceId, userId } = currentPrincipal();
  await upsertSealedKey(await getDb(), workspaceId, provider.id, sealSecret(apiKey), userId);
  keys.delete(`${workspaceId}|${provider.id}`);
}

export async function removeKey(providerId: string): Promise<void> {
  const { workspaceId } = currentPrincipal();
  keys.delete(`${workspaceId}|${providerId}`);
  if (!(await deleteSealedKey(await getDb(), workspaceId, providerId))) throw new ArborError("not_found", `No key of this workspace for "${providerId}"`);
}

// The recording proxy asks on every call, so what it learns is kept briefly (set and remove forget it at once on
// this instance; another instance sees a change within KEY_TTL_MS).
const KEY_TTL_MS = 5_000;
const keys = new Map<string, { key: string | null; until: number }>();

/** The caller's workspace key for `provider`, opened, or null when it has none (the env's key is used then). */
export async function workspaceApiKey(provider: Provider): Promise<string | null> {
  if (provider.id === OFFLINE_PROVIDER_ID) return null;
  const { workspaceId } = currentPrincipal();
  const cacheKey = `${workspaceId}|${provider.id}`;
  const cached = keys.get(cacheKey);
  if (cached && cached.until > Date.now()) return cached.key;
  const sealed = await findSealedKey(await getDb(), workspaceId, provider.id);
  const key = sealed ? openSecret(sealed.ciphertext) : null;
  if (key) rememberSecret(key);
  keys.set(cacheKey, { key, until: Date.now() + KEY_TTL_MS });
  return key;
}

const clients = new Map<string, { updatedAt: number; client: OpenAI }>();

/** The SDK client a node of the caller's workspace uses: with the workspace's own key when it set one, else the env's. */
export async function clientForWorkspace(provider: Provider): Promise<OpenAI> {
  if (provider.id === OFFLINE_PROVIDER_ID) return clientFor(provider);
  const { workspaceId } = currentPrincipal();
  const sealed = await findSealedKey(await getDb(), workspaceId, provider.id);
  if (!sealed) return clientFor(provider);
  const cacheKey = `${workspaceId}|${provider.id}`;
  const cached = clients.get(cacheKey);
  if (cached && cached.updatedAt === sealed.updatedAt.getTime()) return cached.client;
  const apiKey = openSecret(sealed.ciphertext);
  rememberSecret(apiKey);
  const client = new OpenAI({ baseURL: provider.baseURL, apiKey, maxRetries: 1, timeout: 10 * 60_000 });
  clients.set(cacheKey, { updatedAt: sealed.updatedAt.getTime(), client });
  return client;
}
