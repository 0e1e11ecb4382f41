import "server-only";
import { ArborError } from "@/lib/contracts/errors";
import type { NodeDetail } from "@/lib/contracts/nodes";
import type { TreeExport } from "@/lib/contracts/transfer";
import type { Tree } from "@/lib/contracts/trees";
import { getDb } from "@/lib/server/db/client";
import { findAncestry, listNodeDetails } from "@/lib/server/db/nodes";
import { findTree } from "@/lib/server/db/trees";
import { scrubDeep } from "@/lib/server/secrets";

/** An export as Arbor writes it: the tree as the API shows it, and every node in full. */
export type WrittenExport = TreeExport & { exportedAt: string; tree: Tree; nodes: NodeDetail[] };

/** Export a tree with every node's input, request and response; with `branchNodeId`, only its root-to-node branch. */
export async function exportTree(id: string, branchNodeId?: string): Promise<WrittenExport> {
  const db = await getDb();
  const tree = await findTree(db, id);
  if (!tree) throw new ArborError("not_found", `No tree with id "${id}"`);
  let nodes = await listNodeDetails(db, id);
  if (branchNodeId) {
    const branch = new Set((await findAncestry(db, branchNodeId)).filter((n) => n.treeId === id).map((n) => n.id));
    if (branch.size === 0) throw new ArborError("not_found", `No node with id "${branchNodeId}" in this tree`);
    nodes = nodes.filter((n) => branch.has(n.id));
  }
  // Saved data is scrubbed already; an export is scrubbed again for what older versions may have kept.
  return scrubDeep({ format: "arbor.tree", version: 1, exportedAt: new Date().toISOString(), tree, nodes });
}
