import "server-only";
import { ArborError } from "@/lib/contracts/errors";
import type { CreateNodeInput } from "@/lib/contracts/nodes";
import type { InputTokenEstimate } from "@/lib/contracts/tokens";
import { costUsd, priceFor } from "@/lib/tree/cost";
import { getDb } from "@/lib/server/db/client";
import { findNode } from "@/lib/server/db/nodes";
import { findTree } from "@/lib/server/db/trees";
import { toUpstreamError } from "@/lib/server/providers/errors";
import { listProviders } from "@/lib/server/providers/registry";
import { validateTools } from "@/lib/server/services/tools";
import { planNodeContext, resolveProvider } from "./nodes";

/**
 * Count the input tokens of the node `body` would create, by asking its provider (`POST /responses/input_tokens`)
 * with the request the node would send: the same context plan (chain or replay), instructions and tools.
 */
export async function estimateInputTokens(treeId: string, body: CreateNodeInput): Promise<InputTokenEstimate> {
  const db = await getDb();
  const tree = await findTree(db, treeId);
  if (!tree) throw new ArborError("not_found", `No tree with id "${treeId}"`);
  const { provider, model, client } = resolveProvider(body.providerId ?? tree.providerId, body.model, tree);
  const tools = validateTools(body.tools ?? []);
  const plan = await planNodeContext(treeId, { parentId: body.parentId, input: body.input }, provider, body.contextMode);
  const instructions = body.instructions === undefined ? tree.instructions : body.instructions;
  let inputTokens: number;
  try {
    const counted = await client.responses.inputTokens.count({
      model,
      input: plan.input,
      ...(plan.previousResponseId ? { previous_response_id: plan.previousResponseId } : {}),
      ...(instructions ? { instructions } : {}),
      ...(tools.length ? { tools } : {}),
    });
    inputTokens = counted.input_tokens;
  } catch (err) {
    throw toUpstreamError(err, provider);
  }
  const priceOf = (table: Parameters<typeof priceFor>[0], name: string) => costUsd({ input: inputTokens, cached: 0, output: 0 }, priceFor(table, name));
  const parent = body.parentId ? await findNode(db, body.parentId) : null;
  const switched = parent && (parent.providerId !== provider.id || parent.model !== model);
  return {
    providerId: provider.id,
    model,
    contextMode: plan.mode,
    contextReason: plan.reason,
    inputTokens,
    inputCostUsd: priceOf(provider.prices, model),
    switchedFrom: switched ? { providerId: parent.providerId, model: parent.model, inputCostUsd: priceOf(listProviders().find((p) => p.id === parent.providerId)?.prices, parent.model) } : null,
  };
}
