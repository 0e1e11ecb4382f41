import { pathId, readBody } from "@/lib/server/http/body";
import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { addVectorStoreFileSchema } from "@/lib/contracts/providers";
import { addFileToVectorStore, fileSearchProvider, listVectorStoreFiles } from "@/lib/server/services/vector-stores";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; vs: string }> };

/** The files of a vector store, with their names and indexing status. */
export const GET = route(async (_request: Request, { params }: Context) => {
  const { id, vs } = await params;
  const provider = fileSearchProvider(pathId(id, "provider"));
  return json<Answers["GET /api/providers/:id/vector_stores/:vs/files"]>({ files: await listVectorStoreFiles(provider, pathId(vs, "vector store")) });
});

/** Add an uploaded file to the store: `{fileId}`; a file that cannot be indexed comes back `failed` with `lastError`. */
export const POST = route(async (request: Request, { params }: Context) => {
  const { id, vs } = await params;
  const provider = fileSearchProvider(pathId(id, "provider"));
  const vectorStoreId = pathId(vs, "vector store");
  const { fileId } = await readBody(request, addVectorStoreFileSchema);
  return json<Answers["POST /api/providers/:id/vector_stores/:vs/files"]>({ file: await addFileToVectorStore(provider, vectorStoreId, fileId) });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
