import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { contextAfterCompaction } from "../core/compaction-content";
import { contextTokenCount } from "../core/context";
import { OfflineApiError } from "../core/errors";
import { newResponseId } from "../core/ids";
import { inputSchema } from "../core/request-body";
import { estimateTokens } from "../core/tokens";
import { compactItems, validateCompactionItems } from "../models/compaction";
import { nowSeconds, usageOf } from "../stream/response";
import { resolveChain } from "./chain";
import { normalizeInput, parseModelBody, validateContentParts } from "./request";

/** The body of `POST /responses/compact` (`CompactResponseMethodPublicBody`); other fields are accepted and ignored. */
const compactBodySchema = z.looseObject({
  model: z.string(),
  input: inputSchema.nullish(),
  previous_response_id: z.string().min(1).nullish(),
  instructions: z.string().nullish(),
  prompt_cache_key: z.string().max(64).nullish(),
});

/** `POST /responses/compact`: the conversation's user messages kept verbatim, the rest folded into one compaction item. */
export async function compactConversation(request: Request): Promise<Response> {
  const body = await parseModelBody(request, compactBodySchema);
  if ((body.input === undefined || body.input === null) && !body.previous_response_id) {
    throw new OfflineApiError(400, "Nothing to compact: send `input`, `previous_response_id`, or both.", {
      param: "input",
      code: "missing_required_parameter",
    });
  }
  validateContentParts(body.input ?? undefined);
  const chain = body.previous_response_id
    ? await resolveChain(await getDb(), body.previous_response_id)
    : { responseIds: [], items: [] };
  const inputItems = normalizeInput(body.input ?? undefined);
  validateCompactionItems(inputItems);
  const { items } = contextAfterCompaction([...chain.items, ...inputItems]);
  const { output, summary } = compactItems(items);
  const inputTokens = contextTokenCount({ items, chainItemCount: chain.items.length, chainResponseIds: chain.responseIds, instructions: body.instructions ?? null, tools: [] });
  return Response.json({
    id: newResponseId(),
    object: "response.compaction",
    created_at: nowSeconds(),
    output,
    usage: usageOf(inputTokens, estimateTokens(summary.summary)),
  });
}
