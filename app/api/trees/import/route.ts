import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { json, readBody, route } from "@/lib/server/http";
import { importSchema, importTree } from "@/lib/server/import";

export const dynamic = "force-dynamic";

/** Import an Arbor export, a Response JSON (or its output array), or a `resp_…` id fetched from a provider. */
export const POST = route(async (request: Request) => {
  const body = await readBody(request, importSchema, env().ARBOR_MAX_INPUT_BYTES * 20);
  const { tree, nodeCount } = await importTree(await getDb(), body);
  return json({ tree, nodeCount }, 201);
});
