import type { Answers } from "@/lib/contracts/answers";
import { json } from "@/lib/server/http/respond";
import { otherMethods, route } from "@/lib/server/http/route";
import { createExampleTree } from "@/lib/server/services/example/example-tree";

export const dynamic = "force-dynamic";

/** Create the guided example tree (every step a real node through the offline engine); answers it when built. */
export const POST = route(async () => {
  const { tree, nodes } = await createExampleTree();
  return json<Answers["POST /api/trees/example"]>({ tree, nodeCount: nodes.length }, 201);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
