import type { Answers } from "@/lib/contracts/answers";
import { pathId } from "@/lib/server/http/body";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { copyShare } from "@/lib/server/services/shares";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

/** "Continue as a copy": what the link shows becomes a tree of the caller's own workspace. */
export const POST = route(async (_request: Request, { params }: Context) => json<Answers["POST /api/s/:token/copy"]>(await copyShare(pathId((await params).token, "link")), 201));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
