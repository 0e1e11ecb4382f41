import type { ResponseObject } from "@/lib/responses/schemas";
import { getDb } from "@/lib/server/db/client";
import { insertOfflineResponse, updateOfflineResponse } from "@/lib/server/db/offline-responses";
import type { OfflineResponseRow } from "@/lib/server/db/schema";
import { addConversationItems, conversationItems } from "../conversations/service";
import { OfflineApiError } from "../core/errors";
import { newResponseId } from "../core/ids";
import { createResponseBodySchema, type CreateResponseBody } from "../core/request-body";
import type { Item, ModelContext } from "../core/types";
import { contextAfterCompaction } from "../core/compaction-content";
import { compactionForTurn, validateCompactionItems } from "../models/compaction";
import { runModelTurn } from "../models/registry";
import { assertOutputsAnswerCalls } from "../tools/functions";
import { backgroundNeedsStore, backgroundSseResponse, startBackgroundRun } from "../stream/background";
import { failureEvents, successEvents, type StreamPlan } from "../stream/events";
import { injectedFailedResponse, injectedHttpError, readDeliveryOptions } from "../stream/faults";
import { planResponse } from "../stream/plan";
import { inProgressResponse, nowSeconds } from "../stream/response";
import { sseResponse } from "../stream/sse";
import { resolveChain, type ResolvedChain } from "./chain";
import { normalizeInput, parseCreateBody } from "./request";

/** `POST /responses`: validate, resolve the chain, save the turn, answer as JSON or as a paced SSE stream. */
export async function createResponse(request: Request): Promise<Response> {
  const body = await parseCreateBody(request);
  const delivery = readDeliveryOptions(request.headers, body.metadata);
  if (delivery.httpError) throw injectedHttpError(delivery.httpError);
  const store = body.store ?? true;
  if (body.background && !store) throw backgroundNeedsStore();

  const db = await getDb();
  const conversationId = typeof body.conversation === "string" ? body.conversation : (body.conversation?.id ?? null);
  if (conversationId && body.previous_response_id) {
    throw new OfflineApiError(400, "Mutually exclusive parameters: 'previous_response_id' and 'conversation'. Send one of them.", { param: "conversation", code: "mutually_exclusive_parameters" });
  }
  if (conversationId && body.background) {
    throw new OfflineApiError(400, "The offline engine does not run a background response in a conversation.", { param: "background", code: "invalid_value" });
  }
  const chain = body.previous_response_id
    ? await resolveChain(db, body.previous_response_id)
    : conversationId
      ? { responseIds: [], items: await conversationItems(conversationId), instructions: null }
      : NO_CHAIN;
  const inputItems = normalizeInput(body.input);
  validateCompactionItems(inputItems);
  const context = modelContext(body, chain, inputItems);
  assertOutputsAnswerCalls(context.items);
  const plan = (start: ResponseObject): Promise<StreamPlan> => planTurn(body, context, start);

  const start = inProgressResponse(newResponseId(), body, nowSeconds());
  if (body.background) {
    // Stored as queued and answered at once; the run moves the stored response along.
    const queued: ResponseObject = { ...start, status: "queued" };
    await insertOfflineResponse(db, { id: queued.id, previousResponseId: queued.previous_response_id, response: queued, inputItems, request: body });
    const run = startBackgroundRun({ db, queued, plan, delivery });
    return body.stream ? backgroundSseResponse(run, { cutAfterEvents: delivery.cutAfterEvents, signal: request.signal }) : Response.json(queued);
  }
  // The turn is saved before the model runs, so a failure never loses what the client sent.
  if (store) {
    await insertOfflineResponse(db, { id: start.id, previousResponseId: start.previous_response_id, response: start, inputItems });
  }

  const planned = await plan(start);
  const failAfter = delivery.failAfterEvents;
  const events = successEvents(planned);
  const failed = failAfter === null ? null : injectedFailedResponse(start);
  const final = failed ?? planned.final;
  const save = async () => {
    if (store) await updateOfflineResponse(db, start.id, final);
    // The turn joins its conversation once it has an answer: its input, then its output.
    if (conversationId && final.status !== "failed") await addConversationItems(conversationId, [...inputItems, ...(final.output as Item[])]);
  };

  if (!body.stream) {
    await save();
    return Response.json(final);
  }
  return sseResponse(failed && failAfter !== null ? failureEvents(events, failAfter, failed) : events, {
    tokensPerSecond: delivery.tokensPerSecond,
    ttftMs: delivery.ttftMs,
    cutAfterEvents: delivery.cutAfterEvents,
    signal: request.signal,
    settle: save,
  });
}

/**
 * Generate again a background response whose engine stopped before it finished (its row was claimed as an orphan):
 * from its stored request, the chain it continued and its input items, from the start. Answers it as queued again.
 */
export async function resumeBackground(row: OfflineResponseRow): Promise<ResponseObject | null> {
  const parsed = createResponseBodySchema.safeParse(row.request);
  if (!parsed.success) return null;
  const body = parsed.data;
  const db = await getDb();
  const chain = body.previous_response_id ? await resolveChain(db, body.previous_response_id) : NO_CHAIN;
  const context = modelContext(body, chain, row.inputItems as Item[]);
  const queued: ResponseObject = { ...(row.response as ResponseObject), status: "queued", output: [] };
  await updateOfflineResponse(db, row.id, queued);
  startBackgroundRun({ db, queued, plan: (start) => planTurn(body, context, start), delivery: readDeliveryOptions(new Headers(), body.metadata) });
  return queued;
}

const NO_CHAIN: ResolvedChain = { responseIds: [], items: [], instructions: null };

/**
 * What the model sees: the stored chain's items, then this request's, with the request's settings; from the newest
 * server-side compaction item on when the context holds one.
 */
export function modelContext(body: CreateResponseBody, chain: ResolvedChain, inputItems: Item[]): ModelContext {
  const { items, at } = contextAfterCompaction([...chain.items, ...inputItems]);
  return {
    items,
    // The input is the context's tail; before it, what is left of the chain (none when the compaction is in the input).
    chainItemCount: at !== null && at >= chain.items.length ? 0 : items.length - inputItems.length,
    chainResponseIds: chain.responseIds,
    instructions: body.instructions ?? null,
    chainInstructions: chain.instructions,
    tools: body.tools ?? [],
    toolChoice: body.tool_choice ?? "auto",
    parallelToolCalls: body.parallel_tool_calls ?? true,
    maxToolCalls: body.max_tool_calls ?? null,
    include: body.include ?? [],
    reasoning: body.reasoning ?? null,
    textFormat: body.text?.format,
  };
}

/**
 * The model's turn for `context`, shaped as a Response that starts as `start`; compacted first when
 * `context_management` asks for it and the context passes its threshold.
 */
async function planTurn(body: CreateResponseBody, context: ModelContext, start: ResponseObject): Promise<StreamPlan> {
  const compaction = compactionForTurn(body.context_management, context);
  const read = compaction?.context ?? context;
  return planResponse(await runModelTurn(body.model, read), read, start, body.max_output_tokens ?? null, compaction);
}
