import type { Answers } from "@/lib/contracts/answers";
import { createNodeSchema } from "@/lib/contracts/nodes";
import { env } from "@/lib/env";
import { pathId, readBody } from "@/lib/server/http/body";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { estimateInputTokens } from "@/lib/server/services/input-tokens";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** The input tokens and input cost of the node this body would create, counted by its provider; nothing is sent. */
export const POST = route(async (request: Request, { params }: Context) => {
  const id = pathId((await params).id, "tree");
  const body = await readBody(request, createNodeSchema, env().ARBOR_MAX_INPUT_BYTES);
  return json<Answers["POST /api/trees/:id/input-tokens"]>(await estimateInputTokens(id, body));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
