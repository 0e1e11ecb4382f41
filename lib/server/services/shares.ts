import "server-only";
import { nanoid } from "nanoid";
import { ArborError } from "@/lib/contracts/errors";
import type { NodeContext, NodeDetail, NodeEvent, NodeSummary } from "@/lib/contracts/nodes";
import type { CreateShareInput, Share, SharedTree } from "@/lib/contracts/team";
import type { Tree } from "@/lib/contracts/trees";
import { publicUrl } from "@/lib/server/auth/better-auth";
import { currentPrincipal } from "@/lib/server/auth/context";
import { newLinkToken } from "@/lib/server/auth/tokens";
import { getDb, type Db } from "@/lib/server/db/client";
import { findAncestry, findNode, listNodeSummaries, toDetail } from "@/lib/server/db/nodes";
import type { ShareRow } from "@/lib/server/db/schema";
import { deleteShare, findLiveShare, insertShare, listShares as listShareRows } from "@/lib/server/db/shares";
import { findTree } from "@/lib/server/db/trees";
import { scrubDeep } from "@/lib/server/secrets";
import { exportTree } from "./export";
import { importTree } from "./import";
import { listNodeEvents, nodeContext } from "./nodes";

function toShare(row: ShareRow): Share {
  return {
    id: row.id,
    token: row.token,
    url: `${publicUrl()}/s/${row.token}`,
    treeId: row.treeId,
    nodeId: row.nodeId,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A new read-only link to a tree, or to the root-to-node branch of `nodeId`. */
export async function createShare(treeId: string, body: CreateShareInput): Promise<Share> {
  const db = await getDb();
  if (body.nodeId) {
    const node = await findNode(db, body.nodeId);
    if (!node || node.treeId !== treeId) throw new ArborError("bad_request", `Node "${body.nodeId}" is not in this tree.`);
  }
  const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw new ArborError("bad_request", "expiresAt must be in the future.");
  const row = await insertShare(db, { id: nanoid(12), token: newLinkToken(), treeId, nodeId: body.nodeId ?? null, expiresAt, createdBy: currentPrincipal().userId });
  return toShare(row);
}

export async function listShares(treeId: string): Promise<Share[]> {
  return (await listShareRows(await getDb(), treeId)).map(toShare);
}

/** Revoke a link at once: the next request with its token finds nothing. */
export async function revokeShare(id: string): Promise<void> {
  if (!(await deleteShare(await getDb(), id))) throw new ArborError("not_found", `No share with id "${id}"`);
}

const deadLink = () => new ArborError("not_found", "This link does not work: it was revoked, it expired, or it never existed.");

/** The link of a token, its tree, and the ids of the nodes it shows (all of them, or one branch). */
async function openShare(db: Db, token: string): Promise<{ share: ShareRow; tree: Tree; visible: Set<string> | null }> {
  const share = await findLiveShare(db, token);
  if (!share) throw deadLink();
  const tree = await findTree(db, share.treeId);
  if (!tree) throw deadLink();
  const visible = share.nodeId ? new Set((await findAncestry(db, share.nodeId)).filter((n) => n.treeId === share.treeId).map((n) => n.id)) : null;
  return { share, tree, visible };
}

// What a link shows has no account ids, no key-like request fields (MCP `authorization`, `headers`), nothing else.
const HIDDEN_FIELDS = /^(authorization|headers|api[-_]?key|x-api-key|cookie|password|secret|access[-_]?token)$/i;

function withoutCredentials<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutCredentials) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !HIDDEN_FIELDS.test(k)).map(([k, v]) => [k, withoutCredentials(v)])) as T;
  }
  return value;
}

const anonymous = <T extends NodeSummary>(node: T): T => ({ ...node, createdBy: null });

/** What `/s/:token` shows: the tree's title and the summaries of the nodes the link covers. */
export async function sharedTree(token: string): Promise<SharedTree> {
  const db = await getDb();
  const { share, tree, visible } = await openShare(db, token);
  const nodes = (await listNodeSummaries(db, tree.id)).filter((n) => !visible || visible.has(n.id)).map(anonymous);
  return { share: { nodeId: share.nodeId, expiresAt: share.expiresAt?.toISOString() ?? null }, tree: { ...tree, settings: {} }, nodes };
}

/** The row of a node the link covers; any other id is not found, as if it did not exist. */
async function visibleNode(token: string, nodeId: string) {
  const db = await getDb();
  const { tree, visible } = await openShare(db, token);
  const row = await findNode(db, nodeId);
  if (!row || row.treeId !== tree.id || (visible && !visible.has(row.id))) throw new ArborError("not_found", `No node with id "${nodeId}" in this link`);
  return row;
}

/** One node the link covers, in full, without anything credential-like in its request. */
export async function sharedNode(token: string, nodeId: string): Promise<NodeDetail> {
  const node = toDetail(await visibleNode(token, nodeId));
  return scrubDeep(anonymous({ ...node, request: withoutCredentials(node.request) }));
}

/** The stored events of a node the link covers (its Events tab), scrubbed like its request. */
export async function sharedNodeEvents(token: string, nodeId: string, after: number): Promise<NodeEvent[]> {
  await visibleNode(token, nodeId);
  return scrubDeep(withoutCredentials(await listNodeEvents(nodeId, after)));
}

/** The conversation a covered node's call saw (its Context tab): its branch, which the link covers too. */
export async function sharedNodeContext(token: string, nodeId: string): Promise<NodeContext> {
  await visibleNode(token, nodeId);
  return scrubDeep(withoutCredentials(await nodeContext(nodeId)));
}

/** "Continue as a copy": what the link shows becomes a new tree of the caller's, to fork on. */
export async function copyShare(token: string): Promise<{ tree: Tree; nodeCount: number }> {
  const db = await getDb();
  const { share, tree } = await openShare(db, token);
  const data = await exportTree(tree.id, share.nodeId ?? undefined);
  const copied = { ...data, nodes: data.nodes.map((n) => ({ ...n, request: withoutCredentials(n.request) })) };
  return importTree({ data: copied, providerId: tree.providerId, title: `${tree.title} (copy)`.slice(0, 200) });
}
