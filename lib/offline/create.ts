import { getDb } from "@/lib/db/client";
import { insertOfflineResponse, updateOfflineResponse } from "@/lib/db/offline";
import type { ResponseObject } from "@/lib/responses/schemas";
import { resolveChain } from "./chain";
import type { ModelContext } from "./context";
import { injectedHttpError, readDeliveryOptions } from "./faults";
import { runModelTurn } from "./models";
import { planResponse } from "./plan";
import { normalizeInput, parseCreateBody } from "./request";
import { finishedResponse, inProgressResponse, newResponseId, nowSeconds } from "./response";
import { failureEvents, sseResponse, successEvents } from "./stream";

/** `POST /responses`: validate, resolve the chain, save the turn, answer as JSON or as a paced SSE stream. */
export async function createResponse(request: Request): Promise<Response> {
  const body = await parseCreateBody(request);
  const delivery = readDeliveryOptions(request.headers, body.metadata);
  if (delivery.httpError) throw injectedHttpError(delivery.httpError);

  const db = await getDb();
  const chain = body.previous_response_id
    ? await resolveChain(db, body.previous_response_id)
    : { responseIds: [], items: [] };
  const inputItems = normalizeInput(body.input);
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

  const start = inProgressResponse(newResponseId(), body, nowSeconds());
  const store = body.store ?? true;
  // The turn is saved before the model runs, so a failure never loses what the client sent.
  if (store) {
    await insertOfflineResponse(db, { id: start.id, previousResponseId: start.previous_response_id, response: start, inputItems });
  }

  const plan = planResponse(await runModelTurn(body.model, context), context, start, body.max_output_tokens ?? null);
  const failAfter = delivery.failAfterEvents;
  const events = successEvents(plan);
  const failed = failAfter === null ? null : failedResponse(start);
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

function failedResponse(start: ResponseObject): ResponseObject {
  return finishedResponse(start, {
    status: "failed",
    output: [],
    usage: null,
    error: { code: "server_error", message: "The offline engine failed while generating (injected by x-arbor-fault: fail)." },
    completedAt: nowSeconds(),
  });
}
