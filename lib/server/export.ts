import "server-only";
import type { Db } from "@/lib/db/client";
import { listNodeDetails } from "@/lib/db/nodes";
import { findTree } from "@/lib/db/trees";
import { ArborError } from "@/lib/errors";
import type { NodeDetail, Tree } from "@/lib/tree/types";

/** The whole tree as one JSON document that Arbor can import again. */
export type TreeExport = { format: "arbor.tree"; version: 1; exportedAt: string; tree: Tree; nodes: NodeDetail[] };

/** Export a tree with every node's input, request and response. */
export async function exportTree(db: Db, id: string): Promise<TreeExport> {
  const tree = await findTree(db, id);
  if (!tree) throw new ArborError("not_found", `No tree with id "${id}"`);
  return { format: "arbor.tree", version: 1, exportedAt: new Date().toISOString(), tree, nodes: await listNodeDetails(db, id) };
}
