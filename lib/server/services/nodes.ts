import "server-only";
import { customAlphabet } from "nanoid";
import { ArborError } from "@/lib/contracts/errors";
import {
  fragmentOfRequest,
  type CreateNodeInput,
  type NodeContext,
  type NodeDetail,
  type NodeEvent,
  type PatchNodeInput,
  type RepeatNodeBody,
  type RequestedContextMode,
} from "@/lib/contracts/nodes";
import { UNTITLED_TREE } from "@/lib/contracts/trees";
import { isCompactedRoot } from "@/lib/responses/compacted";
import { preview } from "@/lib/responses/summary";
import type { ResponseCreateParamsStreaming } from "@/lib/responses/types";
import { currentPrincipal } from "@/lib/server/auth/context";
import { getDb } from "@/lib/server/db/client";
import { listEvents } from "@/lib/server/db/events";
import { isDraining } from "@/lib/server/lifecycle";
import { saveWithRetry } from "@/lib/server/db/retry";
import { deleteSubtree, findAncestry, findContextBranch, findNode, insertNode, leaseUntil, subtreeIds, toDetail, updateNode } from "@/lib/server/db/nodes";
import { findTree, updateTree } from "@/lib/server/db/trees";
import { assertModel, getProvider, type Provider } from "@/lib/server/providers/registry";
import { announce } from "@/lib/server/runs/bus";
import { consumeRun } from "@/lib/server/runs/consume";
import { instanceId, leaseTtlMs } from "@/lib/server/runs/lease";
import { NodeRun, nodeRuns } from "@/lib/server/runs/node-run";
import { followRun } from "@/lib/server/runs/follow";
import { followStored, waitForNodeEnd } from "@/lib/server/runs/remote";
import { admitNode } from "@/lib/server/services/limits";
import { clientForWorkspace } from "@/lib/server/services/provider-keys";
import { validateTools } from "@/lib/server/services/tools";
import { assembleReplayInput, canChain, planContext, toBranchNode, type BranchNode, type ContextPlan } from "@/lib/tree/context";
import { isRunning } from "@/lib/tree/node-status";

export const newNodeId = customAlphabet("0123456789abcdefghijklmnopqrstuvwxyz", 16);

const notFound = (id: string) => new ArborError("not_found", `No node with id "${id}"`);

/** Options of a node creation that are not part of its body. */
export type CreateOptions = {
  /** Sent to the provider with the call but not saved with the request (no secrets, no noise). */
  upstreamHeaders?: Record<string, string>;
};

/**
 * Create a node: validate, save it (in_progress, request included) before calling the provider, then consume the
 * provider's stream in the background. The returned run can be followed; it goes on if nobody follows.
 */
export async function createNode(treeId: string, body: CreateNodeInput, options: CreateOptions = {}): Promise<{ node: NodeDetail; run: NodeRun }> {
  if (isDraining()) throw new ArborError("shutting_down", "This Arbor instance is shutting down and takes no new calls; send it again in a moment.");
  const db = await getDb();
  const tree = await findTree(db, treeId);
  if (!tree) throw new ArborError("not_found", `No tree with id "${treeId}"`);
  const { provider, model } = resolveProvider(body.providerId ?? tree.providerId, body.model, tree);
  const client = await clientForWorkspace(provider);
  const tools = validateTools(body.tools ?? []);
  // Budgets, the rate limit and the stream cap are checked before anything is saved.
  await admitNode(db, currentPrincipal());
  const { input } = body;

  const plan = (requested: RequestedContextMode) => planNodeContext(treeId, { parentId: body.parentId, input }, provider, requested);
  const context = await plan(body.contextMode);

  const store = body.params?.store ?? true;
  if (body.params?.background && !store) throw new ArborError("bad_request", "Invalid request: params.background: a background response must be stored (store: true).");
  const instructions = body.instructions === undefined ? tree.instructions : body.instructions;
  // In a conversation the provider holds the history: only this turn's input is sent, never a previous_response_id.
  const inConversation = body.params?.conversation !== undefined;
  const requestFor = (planned: ContextPlan): ResponseCreateParamsStreaming => ({
    model,
    input: inConversation ? input : planned.input,
    ...(planned.previousResponseId && !inConversation ? { previous_response_id: planned.previousResponseId } : {}),
    ...(instructions ? { instructions } : {}),
    ...(tools.length ? { tools } : {}),
    ...(body.params as Omit<ResponseCreateParamsStreaming, "model" | "stream">),
    store,
    stream: true,
  });
  const request = requestFor(context);

  const row = await insertNode(db, {
    id: newNodeId(),
    treeId,
    parentId: body.parentId,
    providerId: provider.id,
    model,
    input,
    request,
    status: "in_progress",
    contextMode: context.mode,
    store,
    label: body.label ?? null,
    createdBy: currentPrincipal().userId,
    leaseOwner: instanceId(),
    leaseExpiresAt: leaseUntil(leaseTtlMs()),
  });
  // The run is known before anything else is awaited, so a cancel or a delete that finds the node also finds its run.
  const node = toDetail(row);
  const run = nodeRuns().add(new NodeRun(row.id, node));
  // A chained call whose parent the provider no longer has is asked once more, replaying the branch.
  const replay = body.contextMode === "auto" && context.previousResponseId ? async () => requestFor(await plan("replay")) : null;
  void consumeRun(db, run, { provider, client, request, replay, upstreamHeaders: options.upstreamHeaders }).finally(() => nodeRuns().retire(run));
  void announce({ kind: "node", nodeId: row.id, treeId });

  // A tree nobody named yet takes its name from its first question (after the node is safely saved).
  if (body.parentId === null && tree.title === UNTITLED_TREE && row.inputPreview) {
    await saveWithRetry(() => updateTree(db, treeId, { title: preview(row.inputPreview, 60) }), `the title of tree ${treeId}`, 0);
  }
  return { node, run };
}

/**
 * How a new node's context reaches `provider`: chained to the parent or its branch replayed. The parent alone decides
 * whether a chain call can be made; the branch is read only when it must be re-sent.
 */
export async function planNodeContext(
  treeId: string,
  node: { parentId: string | null; input: CreateNodeInput["input"] },
  provider: Provider,
  requested: RequestedContextMode,
): Promise<ContextPlan> {
  const db = await getDb();
  const mustReplay = (parent: BranchNode) => requested === "replay" || !canChain(parent, provider.id, provider.capabilities).ok;
  const branch = node.parentId ? await findContextBranch(db, node.parentId, mustReplay) : [];
  if (node.parentId && branch.length === 0) throw new ArborError("not_found", `No node with id "${node.parentId}" to continue from`);
  if (branch.some((n) => n.treeId !== treeId)) throw new ArborError("bad_request", `Node "${node.parentId}" belongs to another tree`);
  const planned = planContext({ branch, input: node.input, requested, providerId: provider.id, capabilities: provider.capabilities });
  if ("error" in planned) throw new ArborError("bad_request", planned.error);
  return planned;
}

/** The provider and model a node is sent to: the one asked for, else the tree's. */
export function resolveProvider(providerId: string, requestedModel: string | undefined, tree: { providerId: string; model: string }) {
  const provider = getProvider(providerId, "bad_request");
  const model = requestedModel ?? (provider.id === tree.providerId ? tree.model : provider.models[0]!);
  assertModel(provider, model);
  return { provider, model };
}

/**
 * Ask a node again: a sibling with the same input, tools, parameters and instructions (Regenerate, and Retry of a
 * failed node), on the same provider and model unless others are chosen.
 */
export async function repeatNode(id: string, body: RepeatNodeBody): Promise<{ node: NodeDetail; run: NodeRun }> {
  const original = await findNode(await getDb(), id);
  if (!original) throw notFound(id);
  if (isCompactedRoot(original)) throw new ArborError("bad_request", "A compacted root is not a call to ask again: compact its source node once more instead.");
  const fragment = fragmentOfRequest(original.request);
  return createNode(original.treeId, {
    parentId: original.parentId,
    input: original.input,
    providerId: body.providerId ?? original.providerId,
    model: body.model ?? (body.providerId === undefined ? original.model : undefined),
    contextMode: body.contextMode ?? "auto",
    ...fragment,
    // A repeat sends exactly what was sent: the tree's instructions are not added to a node that had none.
    instructions: fragment.instructions ?? null,
  });
}

/** The full node: input, request, response. */
export async function getNode(id: string): Promise<NodeDetail> {
  const row = await findNode(await getDb(), id);
  if (!row) throw notFound(id);
  return toDetail(row);
}

/** Set a node's label, note or star (what a reader adds; the call itself never changes); everyone viewing sees it. */
export async function patchNode(id: string, body: PatchNodeInput): Promise<NodeDetail> {
  const row = await updateNode(await getDb(), id, body);
  if (!row) throw notFound(id);
  await announce({ kind: "node", nodeId: id, treeId: row.treeId });
  return toDetail(row);
}

/**
 * A node's events after `after` as an event stream, until it ends: from memory when it runs here, else through the
 * database (it runs on another instance, or has ended).
 */
export async function nodeEventStream(id: string, after: number): Promise<Response> {
  const run = nodeRuns().get(id);
  if (run) return followRun(run, { after });
  const db = await getDb();
  if (!(await findNode(db, id))) throw notFound(id);
  return followStored(db, id, after);
}

/** A node's stored events after `after`. */
export async function listNodeEvents(id: string, after: number): Promise<NodeEvent[]> {
  const db = await getDb();
  if (!(await findNode(db, id))) throw notFound(id);
  return listEvents(db, id, after);
}

/**
 * The conversation this node's model call saw, item by item: every ancestor's input and output, then its own input.
 * The same whether the history travelled by previous_response_id (chain) or was re-sent (replay).
 */
export async function nodeContext(id: string): Promise<NodeContext> {
  const branch = await findAncestry(await getDb(), id);
  const node = branch.at(-1);
  if (!node || node.id !== id) throw notFound(id);
  const instructions = typeof node.request?.instructions === "string" ? node.request.instructions : null;
  return { nodeId: id, contextMode: node.contextMode, instructions, items: assembleReplayInput(branch.slice(0, -1).map(toBranchNode), node.input) };
}

/** Stop a running node; answers it as saved (`cancelled`, with what arrived so far). */
export async function cancelNode(id: string): Promise<NodeDetail> {
  const run = nodeRuns().get(id);
  if (run && !run.isFinished) {
    run.cancel();
    return run.finished();
  }
  const db = await getDb();
  const row = await findNode(db, id);
  if (!row) throw notFound(id);
  if (!isRunning(row)) throw new ArborError("conflict", `Node "${id}" is not running (status: ${row.status})`);
  // It runs on another instance: that instance stops it and saves it; this one answers what was saved.
  const ended = waitForNodeEnd(db, id);
  await announce({ kind: "cancel", nodeId: id });
  const settled = await ended;
  if (!settled) throw notFound(id);
  return toDetail(settled);
}

/**
 * Stop these nodes' runs, wherever they run, and wait until each has said how it ended: a run here is cancelled
 * at once, one on another instance is asked to stop through the run bus (and waited for, within a bound).
 */
export async function stopRuns(ids: Iterable<string>): Promise<void> {
  const stopping: Promise<unknown>[] = [];
  for (const id of ids) {
    const run = nodeRuns().get(id);
    if (run && !run.isFinished) {
      run.cancel();
      stopping.push(run.finished());
    } else if (!run) {
      stopping.push(stopElsewhere(id));
    }
  }
  await Promise.all(stopping);
}

// Ask the instance that runs the node to cancel it, and wait until its row says it ended.
async function stopElsewhere(id: string): Promise<void> {
  const db = await getDb();
  const row = await findNode(db, id);
  if (!row || !isRunning(row)) return;
  const ended = waitForNodeEnd(db, id);
  await announce({ kind: "cancel", nodeId: id });
  await ended;
}

/** Delete a node and its whole subtree (explicit; nothing else is ever removed); runs under it are stopped first. */
export async function deleteNode(id: string): Promise<number> {
  const db = await getDb();
  const row = await findNode(db, id);
  if (!row) throw notFound(id);
  const ids = await subtreeIds(db, row.treeId, id);
  await stopRuns(ids);
  const deleted = await deleteSubtree(db, row.treeId, id);
  await announce({ kind: "deleted", nodeIds: ids, treeId: row.treeId });
  return deleted;
}
