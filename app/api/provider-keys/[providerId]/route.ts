import type { Answers } from "@/lib/contracts/answers";
import { putProviderKeySchema } from "@/lib/contracts/team";
import { pathId, readBody } from "@/lib/server/http/body";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { listKeys, removeKey, setKey } from "@/lib/server/services/provider-keys";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ providerId: string }> };

/** Set the workspace's key for a provider (stored encrypted with ARBOR_SECRET; it wins over the env's key). */
export const PUT = route(async (request: Request, { params }: Context) => {
  const providerId = pathId((await params).providerId, "provider");
  await setKey(providerId, (await readBody(request, putProviderKeySchema)).apiKey);
  return json<Answers["PUT /api/provider-keys/:providerId"]>({ keys: await listKeys() });
});

/** Forget the workspace's key for a provider (the env's key, if any, is used again). */
export const DELETE = route(async (_request: Request, { params }: Context) => {
  await removeKey(pathId((await params).providerId, "provider"));
  return json<Answers["DELETE /api/provider-keys/:providerId"]>({ keys: await listKeys() });
});

export const { GET, POST, PATCH } = otherMethods("PUT", "DELETE");
