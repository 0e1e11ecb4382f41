import type { Answers } from "@/lib/contracts/answers";
import { searchQuerySchema } from "@/lib/contracts/search";
import { readQuery } from "@/lib/server/http/body";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { search } from "@/lib/server/services/search";

export const dynamic = "force-dynamic";

/** Trees by title and nodes by label, note, input and output text: `?q=words` (every word must appear). */
export const GET = route(async (request: Request) => json<Answers["GET /api/search"]>(await search(readQuery(request, searchQuerySchema))));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
