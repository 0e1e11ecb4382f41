import "server-only";
import { ArborError } from "@/lib/contracts/errors";
import type { NodeDetail } from "@/lib/contracts/nodes";
import type { TreeExport } from "@/lib/contracts/transfer";
import type { Tree } from "@/lib/contracts/trees";
import { getDb } from "@/lib/server/db/client";
import { findAncestry, listNodeDetails, toDetail } from "@/lib/server/db/nodes";
import { findTree } from "@/lib/server/db/trees";
import { getProvider, OFFLINE_PROVIDER_ID, toPublicProvider } from "@/lib/server/providers/registry";
import { scrubDeep } from "@/lib/server/secrets";
import { apiKeyEnvFor } from "@/lib/responses/code-snippets";
import { branchMarkdown, branchScript, type BranchFormat } from "@/lib/tree/branch-export";

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

/** A file to download: its text, type and name. */
export type ExportFile = { text: string; contentType: string; filename: string };

const EXTENSIONS: Record<BranchFormat, [string, string]> = {
  markdown: ["md", "text/markdown; charset=utf-8"],
  typescript: ["mts", "text/plain; charset=utf-8"],
  python: ["py", "text/plain; charset=utf-8"],
};

/**
 * The branch from the root to `nodeId` as a Markdown transcript or a runnable script. Scripts call the branch's last
 * provider: the offline engine at `origin` (Arbor's own address as the caller reached it), others at their public URL.
 */
export async function exportBranch(treeId: string, nodeId: string, format: BranchFormat, origin: string): Promise<ExportFile> {
  const db = await getDb();
  const tree = await findTree(db, treeId);
  if (!tree) throw new ArborError("not_found", `No tree with id "${treeId}"`);
  const branch = (await findAncestry(db, nodeId)).map(toDetail);
  if (branch.length === 0 || branch.some((n) => n.treeId !== treeId)) throw new ArborError("not_found", `No node with id "${nodeId}" in this tree`);
  const [extension, contentType] = EXTENSIONS[format];
  const filename = `arbor-${treeId}-branch-${nodeId}.${extension}`;
  const nodes = scrubDeep(branch);
  if (format === "markdown") return { text: branchMarkdown(tree.title, nodes), contentType, filename };
  const providerId = nodes.at(-1)!.providerId;
  const baseURL =
    providerId === OFFLINE_PROVIDER_ID ? `${origin}/api/offline/v1` : (toPublicProvider(getProvider(providerId)).baseURL ?? `<base URL of ${providerId}>`);
  return { text: branchScript(format, nodes, { baseURL, apiKeyEnv: apiKeyEnvFor(providerId) }), contentType, filename };
}
