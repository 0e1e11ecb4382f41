import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Tree } from "@/lib/contracts/trees";
import type { MatchableNode } from "@/lib/tree/context-match";
import type { Db } from "./client";
import { nodes, trees, type NewTreeRow } from "./schema";
import { toTree } from "./trees";

/** The workspace's node that answered with this response id (the latest, should a response have been recorded twice). */
export async function findNodeByResponseId(db: Db, workspaceId: string, responseId: string): Promise<{ id: string; treeId: string; providerId: string } | null> {
  const [row] = await db
    .select({ id: nodes.id, treeId: nodes.treeId, providerId: nodes.providerId })
    .from(nodes)
    .innerJoin(trees, eq(trees.id, nodes.treeId))
    .where(and(eq(nodes.responseId, responseId), eq(trees.workspaceId, workspaceId)))
    .orderBy(desc(nodes.createdAt))
    .limit(1);
  return row ?? null;
}

/** The workspace's tree with this id (a tree of another workspace is as if it did not exist). */
export async function findWorkspaceTree(db: Db, workspaceId: string, id: string): Promise<Tree | null> {
  const [row] = await db
    .select()
    .from(trees)
    .where(and(eq(trees.id, id), eq(trees.workspaceId, workspaceId)));
  return row ? toTree(row) : null;
}

/** Every node of a tree as context matching reads it (its input and output items), oldest first. */
export async function listMatchableNodes(db: Db, treeId: string): Promise<MatchableNode[]> {
  const rows = await db
    .select({ id: nodes.id, parentId: nodes.parentId, input: nodes.input, response: nodes.response })
    .from(nodes)
    .where(and(eq(nodes.treeId, treeId)))
    .orderBy(asc(nodes.createdAt), asc(nodes.id));
  return rows.map((r) => ({ id: r.id, parentId: r.parentId, input: r.input, output: Array.isArray(r.response?.output) ? r.response.output : [] }));
}

/** The tree the recording proxy keeps under this key, created with `values` on first use (once, even when raced). */
export async function findOrCreateProxyTree(db: Db, proxyKey: string, values: Omit<NewTreeRow, "proxyKey">): Promise<Tree> {
  const [existing] = await db.select().from(trees).where(eq(trees.proxyKey, proxyKey));
  if (existing) return toTree(existing);
  await db
    .insert(trees)
    .values({ ...values, proxyKey })
    .onConflictDoNothing({ target: trees.proxyKey });
  const [row] = await db.select().from(trees).where(eq(trees.proxyKey, proxyKey));
  if (!row) throw new Error("the proxy's tree could not be created");
  return toTree(row);
}
