import type { Answers } from "@/lib/contracts/answers";
import { pathId } from "@/lib/server/http/body";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { sharedTree } from "@/lib/server/services/shares";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

/** What a read-only link shows (no sign-in): the tree's title and the summaries of its nodes, or of one branch. */
export const GET = route(async (_request: Request, { params }: Context) => json<Answers["GET /api/s/:token"]>(await sharedTree(pathId((await params).token, "link"))));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
