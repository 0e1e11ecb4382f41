import "server-only";
import { customAlphabet } from "nanoid";
import { ArborError } from "@/lib/contracts/errors";
import { UNTITLED_TREE, type CreateTreeInput, type PatchTreeInput, type Tree, type TreeDetail, type TreeListItem } from "@/lib/contracts/trees";
import { currentPrincipal } from "@/lib/server/auth/context";
import { treeOwnership } from "@/lib/server/db/access";
import { getDb, type Db } from "@/lib/server/db/client";
import { listNodeSummaries, runningNodeIds } from "@/lib/server/db/nodes";
import { listTreePeople } from "@/lib/server/db/workspaces";
import { deleteTree as deleteTreeRow, findTree, insertTree, listTrees as listTreeRows, updateTree } from "@/lib/server/db/trees";
import { assertModel, getProvider, OFFLINE_PROVIDER_ID } from "@/lib/server/providers/registry";
import { announce } from "@/lib/server/runs/bus";
import { treeChannel } from "@/lib/server/runs/tree-channel";
import { stopRuns } from "./nodes";

export const newTreeId = customAlphabet("0123456789abcdefghijklmnopqrstuvwxyz", 12);

const notFound = (id: string) => new ArborError("not_found", `No tree with id "${id}"`);

/** The trees of the caller's workspace, most recently used first, with their node counts. */
export async function listTrees(): Promise<TreeListItem[]> {
  return listTreeRows(await getDb(), currentPrincipal().workspaceId);
}

/** Whether a tree exists in the caller's workspace (one of another workspace does not, as far as they can tell). */
async function inWorkspace(db: Db, id: string): Promise<boolean> {
  return (await treeOwnership(db, id))?.workspaceId === currentPrincipal().workspaceId;
}

/** A tree, the summaries of all its nodes (no heavy JSON) and who made them. */
export async function getTree(id: string): Promise<TreeDetail> {
  const db = await getDb();
  const tree = (await inWorkspace(db, id)) ? await findTree(db, id) : null;
  if (!tree) throw notFound(id);
  const [summaries, people] = await Promise.all([listNodeSummaries(db, id), listTreePeople(db, id)]);
  return { tree, nodes: summaries, people };
}

/** The tree's event channel: its nodes as they are created, progress, end or go, on any instance. */
export async function treeEventStream(id: string): Promise<Response> {
  const db = await getDb();
  if (!(await findTree(db, id))) throw notFound(id);
  return treeChannel(db, id, currentPrincipal());
}

/** A tree alone (the page title needs nothing else), or null. */
export async function findTreeById(id: string): Promise<Tree | null> {
  const db = await getDb();
  return (await inWorkspace(db, id)) ? findTree(db, id) : null;
}

/** Create a tree; the provider and model default to the offline engine's assistant. */
export async function createTree(body: CreateTreeInput, db?: Db): Promise<Tree> {
  const provider = getProvider(body.providerId ?? OFFLINE_PROVIDER_ID, "bad_request");
  const model = body.model ?? (provider.id === OFFLINE_PROVIDER_ID ? "offline-assistant" : provider.models[0]!);
  assertModel(provider, model);
  const { workspaceId, userId } = currentPrincipal();
  return insertTree(db ?? (await getDb()), { id: newTreeId(), title: body.title ?? UNTITLED_TREE, providerId: provider.id, model, instructions: body.instructions ?? null, ...(body.settings ? { settings: body.settings } : {}), workspaceId, createdBy: userId });
}

/** Rename a tree or change its defaults and remembered settings. */
export async function patchTree(id: string, body: PatchTreeInput): Promise<Tree> {
  const db = await getDb();
  const current = await findTree(db, id);
  if (!current) throw notFound(id);
  const provider = getProvider(body.providerId ?? current.providerId, "bad_request");
  const model = body.model ?? (body.providerId && body.providerId !== current.providerId ? provider.models[0]! : current.model);
  assertModel(provider, model);
  const tree = await updateTree(db, id, { ...body, providerId: provider.id, model });
  if (!tree) throw notFound(id);
  return tree;
}

/** Delete a tree and everything in it; its running nodes are stopped first, so their followers hear the end. */
export async function deleteTree(id: string): Promise<void> {
  const db = await getDb();
  if (!(await findTree(db, id))) throw notFound(id);
  const running = await runningNodeIds(db, id);
  await stopRuns(running);
  if (!(await deleteTreeRow(db, id))) throw notFound(id);
  await announce({ kind: "deleted", nodeIds: running, treeId: id });
}
