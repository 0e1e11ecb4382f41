import "server-only";
import type { Db } from "@/lib/db/client";
import { findAncestry, listNodeDetails } from "@/lib/db/nodes";
import { findTree } from "@/lib/db/trees";
import { ArborError } from "@/lib/errors";
import type { NodeDetail, Tree } from "@/lib/tree/types";

/** The whole tree as one JSON document that Arbor can import again. */
export type TreeExport = { format: "arbor.tree"; version: 1; exportedAt: string; tree: Tree; nodes: NodeDetail[] };

/** Export a tree with every node's input, request and response; with `branchNodeId`, only its root-to-node branch. */
export async function exportTree(db: Db, id: string, branchNodeId?: string): Promise<TreeExport> {
  const tree = await findTree(db, id);
  if (!tree) throw new ArborError("not_found", `No tree with id "${id}"`);
  let nodes = await listNodeDetails(db, id);
  if (branchNodeId) {
    const branch = new Set((await findAncestry(db, branchNodeId)).filter((n) => n.treeId === id).map((n) => n.id));
    if (branch.size === 0) throw new ArborError("not_found", `No node with id "${branchNodeId}" in this tree`);
    nodes = nodes.filter((n) => branch.has(n.id));
  }
  return { format: "arbor.tree", version: 1, exportedAt: new Date().toISOString(), tree, nodes };
}
