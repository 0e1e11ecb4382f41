import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { NodeDetail, NodeSummary } from "@/lib/tree/types";
import type { Db } from "./client";
import { nodes, type NewNodeRow, type NodeRow } from "./schema";

const summaryColumns = {
  id: nodes.id,
  treeId: nodes.treeId,
  parentId: nodes.parentId,
  responseId: nodes.responseId,
  status: nodes.status,
  providerId: nodes.providerId,
  model: nodes.model,
  contextMode: nodes.contextMode,
  contextFallback: nodes.contextFallback,
  store: nodes.store,
  label: nodes.label,
  inputPreview: nodes.inputPreview,
  outputPreview: nodes.outputPreview,
  itemTypes: nodes.itemTypes,
  citationCount: nodes.citationCount,
  inputImageCount: nodes.inputImageCount,
  usage: nodes.usage,
  ttftMs: nodes.ttftMs,
  durationMs: nodes.durationMs,
  costUsd: nodes.costUsd,
  error: nodes.error,
  createdAt: nodes.createdAt,
};

type SummaryRow = Pick<NodeRow, keyof typeof summaryColumns>;

function toSummary(row: SummaryRow): NodeSummary {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/** A full node row as the API shows it. */
export function toDetail(row: NodeRow): NodeDetail {
  return { ...toSummary(row), input: row.input, request: row.request, response: row.response };
}

/** The light summaries of every node of a tree, in creation order: one query, no heavy JSON. */
export async function listNodeSummaries(db: Db, treeId: string): Promise<NodeSummary[]> {
  const rows = await db.select(summaryColumns).from(nodes).where(eq(nodes.treeId, treeId)).orderBy(asc(nodes.createdAt), asc(nodes.id));
  return rows.map(toSummary);
}

/** Every node of a tree with its heavy JSON (for export). */
export async function listNodeDetails(db: Db, treeId: string): Promise<NodeDetail[]> {
  const rows = await db.select().from(nodes).where(eq(nodes.treeId, treeId)).orderBy(asc(nodes.createdAt), asc(nodes.id));
  return rows.map(toDetail);
}

export async function findNode(db: Db, id: string): Promise<NodeRow | null> {
  const [row] = await db.select().from(nodes).where(eq(nodes.id, id));
  return row ?? null;
}

export async function insertNode(db: Db, values: NewNodeRow): Promise<NodeRow> {
  const [row] = await db.insert(nodes).values(values).returning();
  if (!row) throw new Error("insert returned no node");
  return row;
}

export async function updateNode(db: Db, id: string, patch: Partial<NewNodeRow>): Promise<NodeRow | null> {
  const [row] = await db
    .update(nodes)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(nodes.id, id))
    .returning();
  return row ?? null;
}

/** The path from the root to this node (inclusive), oldest first, with what context assembly needs. */
export async function findAncestry(db: Db, id: string): Promise<NodeRow[]> {
  const result = await db.execute<{ id: string; depth: number }>(sql`
    with recursive chain(id, parent_id, depth) as (
      select id, parent_id, 0 from ${nodes} where id = ${id}
      union all
      select n.id, n.parent_id, c.depth + 1 from ${nodes} n join chain c on n.id = c.parent_id
    )
    select id, depth from chain`);
  const depthById = new Map(rowsOf<{ id: string; depth: number }>(result).map((r) => [r.id, Number(r.depth)]));
  if (depthById.size === 0) return [];
  const rows = await db.select().from(nodes).where(inArray(nodes.id, [...depthById.keys()]));
  return rows.sort((a, b) => (depthById.get(b.id) ?? 0) - (depthById.get(a.id) ?? 0));
}

/** Delete a node and its whole subtree; answers how many nodes went. */
export async function deleteSubtree(db: Db, treeId: string, id: string): Promise<number> {
  const result = await db.execute<{ n: number }>(sql`
    with recursive sub(id) as (
      select id from ${nodes} where id = ${id} and tree_id = ${treeId}
      union all
      select n.id from ${nodes} n join sub s on n.parent_id = s.id
    )
    select count(*)::int as n from sub`);
  const n = Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
  if (n > 0) await db.delete(nodes).where(and(eq(nodes.id, id), eq(nodes.treeId, treeId)));
  return n;
}

/** Nodes left running by a process that stopped: they can never finish now. */
export async function failOrphanedNodes(db: Db, runningIds: readonly string[]): Promise<number> {
  const stale = await db
    .update(nodes)
    .set({
      status: "failed",
      error: { code: "interrupted", message: "The server stopped before this answer finished." },
      updatedAt: sql`now()`,
    })
    .where(
      and(
        inArray(nodes.status, ["queued", "in_progress"]),
        runningIds.length ? sql`${nodes.id} not in (${sql.join(runningIds.map((r) => sql`${r}`), sql`, `)})` : sql`true`,
      ),
    )
    .returning({ id: nodes.id });
  return stale.length;
}

// PGlite answers { rows }, node-postgres a QueryResult with rows too.
function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
