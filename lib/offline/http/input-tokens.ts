import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { contextAfterCompaction } from "../core/compaction-content";
import { contextTokenCount } from "../core/context";
import { inputSchema } from "../core/request-body";
import { validateCompactionItems } from "../models/compaction";
import { validateTools } from "../tools/offered";
import { resolveChain } from "./chain";
import { readJsonObject } from "./body";
import { normalizeInput, parseBody, validateContentParts } from "./request";

/** The body of `POST /responses/input_tokens` (`InputTokenCountParams`) that the engine reads; other fields are ignored. */
const inputTokensBodySchema = z.looseObject({
  model: z.string().nullish(),
  input: inputSchema.nullish(),
  instructions: z.string().nullish(),
  previous_response_id: z.string().min(1).nullish(),
  tools: z.array(z.looseObject({ type: z.string().min(1) })).nullish(),
});

/**
 * `POST /responses/input_tokens`: how many input tokens a create request with this body would be charged, counted
 * exactly as `POST /responses` counts them (the chain, the instructions, the input, the tools), nothing generated.
 */
export async function countInputTokens(request: Request): Promise<Response> {
  const body = parseBody(inputTokensBodySchema, await readJsonObject(request));
  validateContentParts(body.input ?? undefined);
  validateTools(body.tools ?? undefined);
  const chain = body.previous_response_id ? await resolveChain(await getDb(), body.previous_response_id) : { responseIds: [], items: [], instructions: null };
  const inputItems = normalizeInput(body.input ?? undefined);
  validateCompactionItems(inputItems);
  const { items } = contextAfterCompaction([...chain.items, ...inputItems]);
  const tokens = contextTokenCount({ items, chainItemCount: chain.items.length, chainResponseIds: chain.responseIds, instructions: body.instructions ?? null, tools: body.tools ?? [] });
  return Response.json({ object: "response.input_tokens", input_tokens: tokens });
}
