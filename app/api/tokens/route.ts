import type { Answers } from "@/lib/contracts/answers";
import { createApiTokenSchema } from "@/lib/contracts/api-tokens";
import { readBody } from "@/lib/server/http/body";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { createToken, listTokens } from "@/lib/server/services/api-tokens";

export const dynamic = "force-dynamic";

/** The caller's API tokens (names and hints; never the tokens). */
export const GET = route(async () => json<Answers["GET /api/tokens"]>({ tokens: await listTokens() }));

/** A new API token for the recording proxy, shown once. */
export const POST = route(async (request: Request) => json<Answers["POST /api/tokens"]>({ token: await createToken(await readBody(request, createApiTokenSchema)) }, 201));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
