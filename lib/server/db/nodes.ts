import "server-only";
import { and, asc, eq, inArray, isNotNull, isNull, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { NodeDetail, NodeSummary } from "@/lib/contracts/nodes";
import { nodeColumns, outputColumns } from "@/lib/responses/summary";
import type { BranchNode } from "@/lib/tree/context";
import type { Db } from "./client";
import { nodes, type NewNodeRow, type NodeRow } from "./schema";

/** Columns computed from the input and the response: written by insertNode and updateNode alone, so none is forgotten. */
type DerivedColumn = "inputPreview" | "inputImageCount" | "answeredCallIds" | "outputPreview" | "itemTypes" | "citationCount";

/** What a caller gives to save a new node. */
export type NewNode = Omit<NewNodeRow, DerivedColumn | "leaseExpiresAt"> & { leaseExpiresAt?: Date | SQL | null };
/** What a caller may change on a node (its input is fixed once saved). */
export type NodePatch = Partial<Omit<NewNodeRow, DerivedColumn | "id" | "treeId" | "input">>;


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
  note: nodes.note,
  starred: nodes.starred,
  inputPreview: nodes.inputPreview,
  inputDigest: nodes.inputDigest,
  outputPreview: nodes.outputPreview,
  itemTypes: nodes.itemTypes,
  citationCount: nodes.citationCount,
  inputImageCount: nodes.inputImageCount,
  answeredCallIds: nodes.answeredCallIds,
  usage: nodes.usage,
  ttftMs: nodes.ttftMs,
  durationMs: nodes.durationMs,
  costUsd: nodes.costUsd,
  error: nodes.error,
  source: nodes.source,
  clientName: nodes.clientName,
  createdBy: nodes.createdBy,
  compactedFrom: nodes.compactedFrom,
  createdAt: nodes.createdAt,
};

type SummaryRow = Pick<NodeRow, keyof typeof summaryColumns>;

/** The summary fields of a row, and nothing else of it (leases, timestamps and other internals stay here). */
function summaryOf(row: SummaryRow): NodeSummary {
  const summary = Object.fromEntries(Object.keys(summaryColumns).map((key) => [key, row[key as keyof SummaryRow]])) as Omit<NodeSummary, "createdAt">;
  return { ...summary, createdAt: row.createdAt.toISOString() };
}

/** A full node row as the API shows it. */
export function toDetail(row: NodeRow): NodeDetail {
  return { ...summaryOf(row), input: row.input, request: row.request, response: row.response };
}

// The summary columns but the creation time, in the order of summaryColumns, and the time as ms since the epoch.
const summaryKeys = Object.keys(summaryColumns).filter((key) => key !== "createdAt") as Exclude<keyof SummaryRow, "createdAt">[];
const summaryArray = sql.join(
  [...summaryKeys.map((key) => sql`${summaryColumns[key]}`), sql`floor(extract(epoch from ${nodes.createdAt})::numeric * 1000)`],
  sql`, `,
);

/**
 * The light summaries of every node of a tree, in creation order: one query, no heavy JSON. The database answers
 * them as one JSON text (an array per node): decoding 10,000 rows of 28 columns value by value was most of the time
 * of a big tree's read on PGlite; one JSON.parse is not.
 */
export async function listNodeSummaries(db: Db, treeId: string): Promise<NodeSummary[]> {
  const [state] = rowsOf<{ version: string; count: number }>(
    await db.execute(sql`
      select count(*)::int as count, count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) || ':' || coalesce(sum(extract(epoch from ${nodes.updatedAt})::numeric), 0) as version
      from ${nodes} where ${nodes.treeId} = ${treeId}`),
  );
  const cache = summaryCaches.get(db) ?? new Map<string, CachedSummaries>();
  summaryCaches.set(db, cache);
  const cached = cache.get(treeId);
  if (state && cached?.version === state.version) return cached.summaries;
  const summaries = await readNodeSummaries(db, treeId);
  if (state && state.count >= CACHE_FROM_NODES) {
    cache.delete(treeId);
    cache.set(treeId, { version: state.version, summaries });
    for (const key of cache.keys()) {
      if (cache.size <= CACHED_TREES) break;
      cache.delete(key);
    }
  }
  return summaries;
}

/**
 * The summaries of big trees read last, by database and tree, with the version of the rows they were read from: the
 * number of the tree's rows, the sum of their row versions (xmin, a new one for every write) and of their update
 * times. Reading that is a few ms where reading 10,000 summaries again is hundreds; any insert, update or delete of a
 * node of the tree, by any instance, changes it. The list answered is shared: callers only read it.
 */
type CachedSummaries = { version: string; summaries: NodeSummary[] };
const summaryCaches = new WeakMap<Db, Map<string, CachedSummaries>>();
const CACHE_FROM_NODES = 500;
const CACHED_TREES = 8;

async function readNodeSummaries(db: Db, treeId: string): Promise<NodeSummary[]> {
  const result = await db.execute<{ summaries: string | null }>(sql`
    select json_agg(json_build_array(${summaryArray}) order by ${nodes.createdAt}, ${nodes.id})::text as summaries
    from ${nodes} where ${nodes.treeId} = ${treeId}`);
  const text = ((result as unknown as { rows?: { summaries: string | null }[] }).rows ?? [])[0]?.summaries;
  if (!text) return [];
  return (JSON.parse(text) as unknown[][]).map((values) => {
    const summary: Record<string, unknown> = {};
    for (const [i, key] of summaryKeys.entries()) summary[key] = values[i];
    summary.createdAt = new Date(Number(values[summaryKeys.length])).toISOString();
    return summary as NodeSummary;
  });
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

/** Save a new node, with its previews derived from its input (and its response, when it has one already). */
export async function insertNode(db: Db, values: NewNode): Promise<NodeRow> {
  const [row] = await db.insert(nodes).values({ ...values, ...nodeColumns(values.input, values.response) }).returning();
  if (!row) throw new Error("insert returned no node");
  return row;
}

/** Save many new nodes in one statement (parents before children), previews derived as in insertNode. */
export async function insertNodes(db: Db, values: readonly NewNode[]): Promise<void> {
  if (values.length === 0) return;
  await db.insert(nodes).values(values.map((v) => ({ ...v, ...nodeColumns(v.input, v.response) })));
}

/** Change a node; a new response brings its output previews with it. */
export async function updateNode(db: Db, id: string, patch: NodePatch): Promise<NodeRow | null> {
  const derived = patch.response !== undefined ? outputColumns(patch.response) : {};
  const [row] = await db
    .update(nodes)
    .set({ ...patch, ...derived, updatedAt: sql`now()` })
    .where(eq(nodes.id, id))
    .returning();
  return row ?? null;
}

/** A node as context assembly reads it: who answered it, whether it can be chained to, its input and output. */
export type ContextRow = BranchNode & { treeId: string };

const contextColumns = {
  id: nodes.id,
  treeId: nodes.treeId,
  providerId: nodes.providerId,
  input: nodes.input,
  responseId: nodes.responseId,
  store: nodes.store,
  response: nodes.response,
};

/**
 * What a new child of `parentId` needs to reach the model: the parent alone when `wholeBranch(parent)` says it can be
 * chained to, else the whole branch from the root to it (oldest first), read in one more query. Empty when the
 * parent does not exist.
 */
export async function findContextBranch(db: Db, parentId: string, wholeBranch: (parent: ContextRow) => boolean): Promise<ContextRow[]> {
  const [parent] = await db.select(contextColumns).from(nodes).where(eq(nodes.id, parentId));
  if (!parent) return [];
  if (!wholeBranch(parent)) return [parent];
  const ids = await ancestorIds(db, parentId);
  const rows = await db.select(contextColumns).from(nodes).where(inArray(nodes.id, ids));
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

// The ids from the root down to this node, in one recursive query.
async function ancestorIds(db: Db, id: string): Promise<string[]> {
  const result = await db.execute<{ id: string; depth: number }>(sql`
    with recursive chain(id, parent_id, depth) as (
      select id, parent_id, 0 from ${nodes} where id = ${id}
      union all
      select n.id, n.parent_id, c.depth + 1 from ${nodes} n join chain c on n.id = c.parent_id
    )
    select id, depth from chain order by depth desc`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
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

/** The ids of a node and every node under it. */
export async function subtreeIds(db: Db, treeId: string, id: string): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    with recursive sub(id) as (
      select id from ${nodes} where id = ${id} and tree_id = ${treeId}
      union all
      select n.id from ${nodes} n join sub s on n.parent_id = s.id
    )
    select id from sub`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

/** Delete a node and its whole subtree (the rows under it go by cascade); answers how many nodes went. */
export async function deleteSubtree(db: Db, treeId: string, id: string): Promise<number> {
  const n = (await subtreeIds(db, treeId, id)).length;
  if (n > 0) await db.delete(nodes).where(and(eq(nodes.id, id), eq(nodes.treeId, treeId)));
  return n;
}

/** How many nodes a tree has. */
export async function countNodes(db: Db, treeId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(nodes).where(eq(nodes.treeId, treeId));
  return row?.n ?? 0;
}

/** The ids of a tree's nodes still queued or running. */
export async function runningNodeIds(db: Db, treeId: string): Promise<string[]> {
  const rows = await db
    .select({ id: nodes.id })
    .from(nodes)
    .where(and(eq(nodes.treeId, treeId), inArray(nodes.status, ["queued", "in_progress"])));
  return rows.map((r) => r.id);
}

const RUNNING = ["queued", "in_progress"] as const;
const INTERRUPTED = { code: "interrupted", message: "The server stopped before this answer finished; what had arrived is kept." };

/** Mark unfinished nodes matching `condition` failed (interrupted) and release their leases; answers their ids. */
async function interruptNodes(db: Db, condition: SQL | undefined): Promise<string[]> {
  const rows = await db
    .update(nodes)
    .set({ status: "failed", error: INTERRUPTED, leaseOwner: null, leaseExpiresAt: null, updatedAt: sql`now()` })
    .where(and(inArray(nodes.status, [...RUNNING]), condition))
    .returning({ id: nodes.id });
  return rows.map((r) => r.id);
}

/** Nodes left running by a process that stopped (one process owns the database: PGlite): they can never finish now. */
export async function failOrphanedNodes(db: Db, runningIds: readonly string[]): Promise<number> {
  return (await failOrphans(db, runningIds)).length;
}

/** The same, answering the ids of the nodes it settled. */
export async function failOrphans(db: Db, runningIds: readonly string[]): Promise<string[]> {
  return interruptNodes(db, runningIds.length ? notInArray(nodes.id, [...runningIds]) : undefined);
}

/**
 * Take over the background nodes whose owner stopped renewing its lease (or, with `all`, every unfinished one, as
 * at a PGlite start): their responses go on at the provider, so the new owner follows them to the end.
 */
export async function claimBackgroundNodes(db: Db, owner: string, ttlMs: number, all = false): Promise<NodeRow[]> {
  return db
    .update(nodes)
    .set({ leaseOwner: owner, leaseExpiresAt: leaseUntil(ttlMs), updatedAt: sql`now()` })
    .where(
      and(
        inArray(nodes.status, [...RUNNING]),
        isNotNull(nodes.responseId),
        sql`${nodes.request}->>'background' = 'true'`,
        all ? undefined : or(isNull(nodes.leaseExpiresAt), lt(nodes.leaseExpiresAt, sql`now()`)),
      ),
    )
    .returning();
}

/** Mark these unfinished nodes failed (interrupted); answers the ids it settled. */
export async function failNodes(db: Db, ids: readonly string[]): Promise<string[]> {
  return ids.length ? interruptNodes(db, inArray(nodes.id, [...ids])) : [];
}

/** Nodes whose owner stopped renewing its lease (it died, or lost the database): settle them; answers their ids. */
export async function failExpiredLeases(db: Db): Promise<string[]> {
  return interruptNodes(db, or(isNull(nodes.leaseExpiresAt), lt(nodes.leaseExpiresAt, sql`now()`)));
}

/** Renew this instance's lease on the nodes it is running, for `ttlMs` more. */
export async function renewLeases(db: Db, owner: string, ids: readonly string[], ttlMs: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(nodes)
    .set({ leaseExpiresAt: leaseUntil(ttlMs) })
    .where(and(eq(nodes.leaseOwner, owner), inArray(nodes.id, [...ids]), inArray(nodes.status, [...RUNNING])));
}

/** Give up this instance's leases on these nodes now (it is shutting down): any instance may settle them at once. */
export async function releaseLeases(db: Db, owner: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(nodes)
    .set({ leaseExpiresAt: sql`now() - interval '1 second'` })
    .where(and(eq(nodes.leaseOwner, owner), inArray(nodes.id, [...ids]), inArray(nodes.status, [...RUNNING])));
}

/** The database's own clock plus `ttlMs` (instances' clocks may disagree; the database's is the one they share). */
export function leaseUntil(ttlMs: number): SQL {
  return sql`now() + make_interval(secs => ${ttlMs / 1000})`;
}

// PGlite answers { rows }, node-postgres a QueryResult with rows too.
function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** One node's summary (what the graph shows), or null. */
export async function findNodeSummary(db: Db, id: string): Promise<NodeSummary | null> {
  const [row] = await db.select(summaryColumns).from(nodes).where(eq(nodes.id, id));
  return row ? summaryOf(row) : null;
}
