import { pathId, readBody } from "@/lib/server/http/body";
import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { createVectorStoreSchema } from "@/lib/contracts/providers";
import { createVectorStore, fileSearchProvider, listVectorStores } from "@/lib/server/services/vector-stores";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** The provider's vector stores (for file search). */
export const GET = route(async (_request: Request, { params }: Context) => {
  const provider = fileSearchProvider(pathId((await params).id, "provider"));
  return json<Answers["GET /api/providers/:id/vector_stores"]>({ vectorStores: await listVectorStores(provider) });
});

/** Create an empty vector store on the provider: `{name}`. */
export const POST = route(async (request: Request, { params }: Context) => {
  const provider = fileSearchProvider(pathId((await params).id, "provider"));
  const { name } = await readBody(request, createVectorStoreSchema);
  return json<Answers["POST /api/providers/:id/vector_stores"]>({ vectorStore: await createVectorStore(provider, name) }, 201);
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
