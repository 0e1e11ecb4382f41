import { z } from "zod";

/** The body of `POST /api/tokens`: a name that says where the token is used ("Codex on my laptop"). */
export const createApiTokenSchema = z.object({ name: z.string().trim().min(1).max(100) }).strict();
export type CreateApiTokenInput = z.output<typeof createApiTokenSchema>;

/** An API token as its owner sees it; the secret itself only once, in `token`, when it is created. */
export type ApiToken = { id: string; name: string; hint: string; createdAt: string; lastUsedAt: string | null; token?: string };

/** How every Arbor API token starts, so a leaked one is easy to recognise (and to scrub). */
export const API_TOKEN_PREFIX = "arb_";
