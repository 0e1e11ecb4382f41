import { z } from "zod";

// The recording proxy reads only a few fields of a create request (to route and place it); everything else is the
// client's business and its provider's, and is passed on untouched.

/** The fields of `POST /api/v1/responses` the proxy reads; the others pass through as sent. */
export const proxyCreateSchema = z.looseObject({
  model: z.string().min(1).max(300).optional(),
  input: z.union([z.string(), z.array(z.unknown()).max(100_000)]).optional(),
  previous_response_id: z.string().min(1).max(300).nullish(),
  stream: z.boolean().nullish(),
  store: z.boolean().nullish(),
  background: z.boolean().nullish(),
  conversation: z.union([z.string().max(300), z.looseObject({ id: z.string().max(300) })]).nullish(),
  prompt_cache_key: z.string().max(300).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type ProxyCreateBody = z.infer<typeof proxyCreateSchema>;

/** The headers a client may send to steer where its calls land. */
export const PROXY_HEADERS = {
  /** A tree id or name: the call is recorded in that tree (a new one is made for a new name). */
  tree: "x-arbor-tree",
  /** A provider id, for a model written without `provider/`. */
  provider: "x-arbor-provider",
} as const;
