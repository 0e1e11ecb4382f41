import { pathId } from "@/lib/server/http/body";
import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { fileSearchProvider, uploadFile } from "@/lib/server/services/vector-stores";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** Upload one file (multipart field `file`) to the provider, for file search. */
export const POST = route(async (request: Request, { params }: Context) => {
  const provider = fileSearchProvider(pathId((await params).id, "provider"));
  return json<Answers["POST /api/providers/:id/files"]>({ file: await uploadFile(provider, request) }, 201);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
