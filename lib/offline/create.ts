import { getDb, type Db } from "@/lib/server/db/client";
import { insertOfflineResponse, updateOfflineResponse } from "@/lib/server/db/offline-responses";
import type { ResponseObject } from "@/lib/responses/schemas";
import { backgroundNeedsStore, backgroundSseResponse, startBackgroundRun } from "./background";
import { resolveChain } from "./chain";
import { validateCompactionItems } from "./compaction";
import type { ModelContext } from "./context";
import { injectedFailedResponse, injectedHttpError, readDeliveryOptions, type DeliveryOptions } from "./faults";
import { assertOutputsAnswerCalls } from "./functions";
import { runModelTurn } from "./models";
import { planResponse } from "./plan";
import { normalizeInput, parseCreateBody, type CreateResponseBody } from "./request";
import { inProgressResponse, newResponseId, nowSeconds } from "./response";
import { failureEvents, sseResponse, successEvents } from "./stream";

/** `POST /responses`: validate, resolve the chain, save the turn, answer as JSON or as a paced SSE stream. */
export async function createResponse(request: Request): Promise<Response> {
  const body = await parseCreateBody(request);
  const delivery = readDeliveryOptions(request.headers, body.metadata);
  if (delivery.httpError) throw injectedHttpError(delivery.httpError);
  const store = body.store ?? true;
  if (body.background && !store) throw backgroundNeedsStore();

  const db = await getDb();
  const chain = body.previous_response_id
    ? await resolveChain(db, body.previous_response_id)
    : { responseIds: [], items: [] };
  const inputItems = normalizeInput(body.input);
  validateCompactionItems(inputItems);
  const context: ModelContext = {
    items: [...chain.items, ...inputItems],
    chainItemCount: chain.items.length,
    chainResponseIds: chain.responseIds,
    instructions: body.instructions ?? null,
    tools: body.tools ?? [],
    toolChoice: body.tool_choice ?? "auto",
    parallelToolCalls: body.parallel_tool_calls ?? true,
    maxToolCalls: body.max_tool_calls ?? null,
    include: body.include ?? [],
    reasoning: body.reasoning ?? null,
    textFormat: body.text?.format,
  };
  assertOutputsAnswerCalls(context.items);

  const start = inProgressResponse(newResponseId(), body, nowSeconds());
  if (body.background) return createInBackground(request, db, body, start, context, delivery);
  // The turn is saved before the model runs, so a failure never loses what the client sent.
  if (store) {
    await insertOfflineResponse(db, { id: start.id, previousResponseId: start.previous_response_id, response: start, inputItems });
  }

  const plan = planResponse(await runModelTurn(body.model, context), context, start, body.max_output_tokens ?? null);
  const failAfter = delivery.failAfterEvents;
  const events = successEvents(plan);
  const failed = failAfter === null ? null : injectedFailedResponse(start);
  const final = failed ?? plan.final;
  const save = () => (store ? updateOfflineResponse(db, start.id, final) : Promise.resolve());

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

// `background: true`: store the turn as queued and answer at once; the run moves the stored response along.
async function createInBackground(
  request: Request,
  db: Db,
  body: CreateResponseBody,
  start: ResponseObject,
  context: ModelContext,
  delivery: DeliveryOptions,
): Promise<Response> {
  const queued: ResponseObject = { ...start, status: "queued" };
  const inputItems = context.items.slice(context.chainItemCount);
  await insertOfflineResponse(db, { id: queued.id, previousResponseId: queued.previous_response_id, response: queued, inputItems });
  const run = startBackgroundRun({ db, queued, context, maxOutputTokens: body.max_output_tokens ?? null, delivery });
  if (!body.stream) return Response.json(queued);
  return backgroundSseResponse(run, { cutAfterEvents: delivery.cutAfterEvents, signal: request.signal });
}
