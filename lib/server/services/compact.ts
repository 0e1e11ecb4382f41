import "server-only";
import { ArborError } from "@/lib/contracts/errors";
import type { CompactNodeBody, ContextMode, NodeDetail } from "@/lib/contracts/nodes";
import type { CompactedResponse, InputItem, Response, ResponseCompactParams, ResponseCreateParams } from "@/lib/responses/types";
import { currentPrincipal } from "@/lib/server/auth/context";
import { getDb } from "@/lib/server/db/client";
import { findAncestry, findNode, insertNode, toDetail } from "@/lib/server/db/nodes";
import { isPreviousResponseNotFound, toUpstreamError } from "@/lib/server/providers/errors";
import { getProvider, type Provider } from "@/lib/server/providers/registry";
import { announce } from "@/lib/server/runs/bus";
import { admitNode } from "@/lib/server/services/limits";
import { newNodeId } from "@/lib/server/services/nodes";
import { clientForWorkspace } from "@/lib/server/services/provider-keys";
import { assembleReplayInput, canChain, toBranchNode } from "@/lib/tree/context";
import { costUsd, priceFor } from "@/lib/tree/cost";
import { isRunning } from "@/lib/tree/node-status";
import { tokenCounts } from "@/lib/tree/usage";

/**
 * "Compact from this node": the provider's `POST /responses/compact` folds the node's branch (by
 * `previous_response_id` when the provider keeps the node's response, else by re-sending the branch's items), and the
 * answer becomes a new root of the same tree whose output is the compacted context and which remembers the node it
 * came from. A fork of it replays that output, so it continues the conversation in fewer tokens.
 */
export async function compactFromNode(id: string, body: CompactNodeBody): Promise<{ node: NodeDetail }> {
  const db = await getDb();
  const source = await findNode(db, id);
  if (!source) throw new ArborError("not_found", `No node with id "${id}"`);
  if (isRunning(source)) throw new ArborError("conflict", "This node is still running: compact it once it has finished.");
  if (!source.response) throw new ArborError("bad_request", "This node has no response to compact (it failed or was cancelled before answering).");
  const provider = getProvider(source.providerId, "bad_request");
  const client = await clientForWorkspace(provider);
  await admitNode(db, currentPrincipal());

  const requested = body.contextMode ?? "auto";
  const chainable = canChain(toBranchNode(source), provider.id, provider.capabilities);
  if (requested === "chain" && !chainable.ok) throw new ArborError("bad_request", `Cannot compact with previous_response_id: ${chainable.reason}.`);
  const instructions = typeof source.request?.instructions === "string" ? source.request.instructions : undefined;
  const base = { model: source.model, ...(instructions ? { instructions } : {}) };
  const replayed = async (): Promise<ResponseCompactParams> => {
    const branch = (await findAncestry(db, id)).map(toBranchNode);
    return { ...base, input: assembleReplayInput(branch, []) as ResponseCompactParams["input"] };
  };

  const startedAt = performance.now();
  let mode: ContextMode = requested !== "replay" && chainable.ok ? "chain" : "replay";
  let request: ResponseCompactParams = mode === "chain" ? { ...base, previous_response_id: source.responseId! } : await replayed();
  let compacted: CompactedResponse;
  try {
    compacted = await client.responses.compact(request);
  } catch (err) {
    // As for a node: a chain the provider no longer holds is sent once more as the branch's items.
    if (!(requested === "auto" && mode === "chain" && isPreviousResponseNotFound(err))) throw toUpstreamError(err, provider);
    mode = "replay";
    request = await replayed();
    compacted = await client.responses.compact(request).catch((again: unknown) => {
      throw toUpstreamError(again, provider);
    });
  }
  return { node: await saveCompactedRoot(source, provider, { request, compacted, mode, durationMs: Math.round(performance.now() - startedAt) }) };
}

async function saveCompactedRoot(
  source: { id: string; treeId: string; model: string; label: string | null },
  provider: Provider,
  call: { request: ResponseCompactParams; compacted: CompactedResponse; mode: ContextMode; durationMs: number },
): Promise<NodeDetail> {
  const db = await getDb();
  const row = await insertNode(db, {
    id: newNodeId(),
    treeId: source.treeId,
    parentId: null,
    providerId: provider.id,
    model: source.model,
    // The root adds no turn of its own: its output is the compacted context, which its forks replay.
    input: [] as InputItem[],
    // The compact call's body and answer are kept as sent and received; their types are the compact endpoint's.
    request: call.request as unknown as ResponseCreateParams,
    response: call.compacted as unknown as Response,
    // A compaction's id names no stored response to chain to.
    responseId: null,
    status: "completed",
    contextMode: call.mode,
    store: true,
    usage: call.compacted.usage,
    costUsd: costUsd(tokenCounts(call.compacted.usage), priceFor(provider.prices, source.model)),
    durationMs: call.durationMs,
    compactedFrom: source.id,
    createdBy: currentPrincipal().userId,
  });
  await announce({ kind: "node", nodeId: row.id, treeId: source.treeId });
  return toDetail(row);
}
