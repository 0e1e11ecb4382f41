import { importBodySchema } from "@/lib/contracts/transfer";
import { env } from "@/lib/env";
import { readBody } from "@/lib/server/http/body";
import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { importTree } from "@/lib/server/services/import";

export const dynamic = "force-dynamic";

/** Import an Arbor export, a Response JSON (or its output array), or a `resp_…` id fetched from a provider. */
export const POST = route(async (request: Request) => {
  const body = await readBody(request, importBodySchema, env().ARBOR_MAX_INPUT_BYTES * 20);
  return json<Answers["POST /api/trees/import"]>(await importTree(body), 201);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
