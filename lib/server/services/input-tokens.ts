import "server-only";
import { ArborError } from "@/lib/contracts/errors";
import type { CreateNodeInput } from "@/lib/contracts/nodes";
import type { ForkOrigin, InputTokenEstimate } from "@/lib/contracts/tokens";
import type { ContextPlan } from "@/lib/tree/context";
import { costUsd, priceFor } from "@/lib/tree/cost";
import { readUsage } from "@/lib/tree/usage";
import { getDb } from "@/lib/server/db/client";
import { findNode } from "@/lib/server/db/nodes";
import type { NodeRow } from "@/lib/server/db/schema";
import { findTree } from "@/lib/server/db/trees";
import { isPreviousResponseNotFound, toUpstreamError } from "@/lib/server/providers/errors";
import { listProviders } from "@/lib/server/providers/registry";
import { validateTools } from "@/lib/server/services/tools";
import { planNodeContext, resolveProvider } from "./nodes";
import { clientForWorkspace } from "./provider-keys";

/**
 * Count the input tokens of the node `body` would create, by asking its provider (`POST /responses/input_tokens`)
 * with the request the node would send: the same context plan (chain or replay), instructions and tools.
 */
export async function estimateInputTokens(treeId: string, body: CreateNodeInput): Promise<InputTokenEstimate> {
  const db = await getDb();
  const tree = await findTree(db, treeId);
  if (!tree) throw new ArborError("not_found", `No tree with id "${treeId}"`);
  const { provider, model } = resolveProvider(body.providerId ?? tree.providerId, body.model, tree);
  const client = await clientForWorkspace(provider);
  const tools = validateTools(body.tools ?? []);
  const instructions = body.instructions === undefined ? tree.instructions : body.instructions;
  const count = async (plan: ContextPlan) =>
    (
      await client.responses.inputTokens.count({
        model,
        input: plan.input,
        ...(plan.previousResponseId ? { previous_response_id: plan.previousResponseId } : {}),
        ...(instructions ? { instructions } : {}),
        ...(tools.length ? { tools } : {}),
      })
    ).input_tokens;
  let plan = await planNodeContext(treeId, { parentId: body.parentId, input: body.input }, provider, body.contextMode);
  let fellBack = false;
  let inputTokens: number;
  try {
    inputTokens = await count(plan);
  } catch (err) {
    // As a node would be: a chain the provider no longer holds is counted as the replay it would fall back to.
    if (!(body.contextMode === "auto" && plan.previousResponseId && isPreviousResponseNotFound(err))) throw toUpstreamError(err, provider);
    plan = await planNodeContext(treeId, { parentId: body.parentId, input: body.input }, provider, "replay");
    fellBack = true;
    try {
      inputTokens = await count(plan);
    } catch (retryErr) {
      throw toUpstreamError(retryErr, provider);
    }
  }
  const price = priceFor(provider.prices, model) ?? null;
  const parent = body.parentId ? await findNode(db, body.parentId) : null;
  const switched = parent !== null && (parent.providerId !== provider.id || parent.model !== model);
  return {
    providerId: provider.id,
    model,
    contextMode: plan.mode,
    contextReason: plan.reason,
    inputTokens,
    inputCostUsd: costUsd({ input: inputTokens, cached: 0, output: 0 }, price ?? undefined),
    price,
    switchedFrom: switched ? await forkOrigin(treeId, body, parent, { inputTokens, fellBack: fellBack && parent.providerId === provider.id }) : null,
  };
}

/** The same call had it stayed on the parent's provider and model: how it would send the history, its price and cache. */
async function forkOrigin(treeId: string, body: CreateNodeInput, parent: NodeRow, counted: { inputTokens: number; fellBack: boolean }): Promise<ForkOrigin> {
  const { inputTokens } = counted;
  const stayedOn = listProviders().find((p) => p.id === parent.providerId);
  const price = priceFor(stayedOn?.prices, parent.model) ?? null;
  // What the parent's model read and wrote is the prefix of this context; its prompt cache may hold it.
  const usage = readUsage(parent.usage);
  const cacheableTokens = Math.min(inputTokens, (usage.input ?? 0) + (usage.output ?? 0));
  const plan = stayedOn ? await planNodeContext(treeId, { parentId: parent.id, input: body.input }, stayedOn, "auto") : null;
  return {
    providerId: parent.providerId,
    model: parent.model,
    // The same provider no longer holding the parent's response would make staying fall back to replay too.
    contextMode: counted.fellBack ? "replay" : (plan?.mode ?? null),
    price,
    cacheableTokens,
    inputCostUsd: costUsd({ input: inputTokens, cached: cacheableTokens, output: 0 }, price ?? undefined),
  };
}
