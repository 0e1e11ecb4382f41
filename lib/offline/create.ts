import { getDb } from "@/lib/db/client";
import { insertOfflineResponse, updateOfflineResponse } from "@/lib/db/offline";
import type { ResponseObject } from "@/lib/responses/schemas";
import { resolveChain } from "./chain";
import { contextTokenCount, type ModelContext } from "./context";
import { injectedHttpError, readDeliveryOptions } from "./faults";
import { runModel } from "./models";
import { normalizeInput, parseCreateBody, type CreateResponseBody } from "./request";
import { finishedResponse, inProgressResponse, newItemId, newResponseId, nowSeconds, outputMessage, usageOf } from "./response";
import { failureEvents, sseResponse, successEvents, type StreamPlan } from "./stream";
import { estimateTokens, splitIntoStreamTokens, truncateToTokens } from "./tokens";

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
  };

  const start = inProgressResponse(newResponseId(), body, nowSeconds());
  const store = body.store ?? true;
  // The turn is saved before the model runs, so a failure never loses what the client sent.
  if (store) {
    await insertOfflineResponse(db, { id: start.id, previousResponseId: start.previous_response_id, response: start, inputItems });
  }

  const plan = generate(body, context, start);
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

/** Run the model and shape its answer: the output message, its stream tokens, usage and final status. */
function generate(body: CreateResponseBody, context: ModelContext, start: ResponseObject): StreamPlan {
  const answer = runModel(body.model, context);
  const { text, truncated } =
    body.max_output_tokens != null ? truncateToTokens(answer, body.max_output_tokens) : { text: answer, truncated: false };
  const message = outputMessage(newItemId("message"), text, truncated ? "incomplete" : "completed");
  const final = finishedResponse(start, {
    status: truncated ? "incomplete" : "completed",
    output: [message],
    usage: usageOf(contextTokenCount(context), estimateTokens(text)),
    completedAt: nowSeconds(),
  });
  return { start, final, message, tokens: splitIntoStreamTokens(text) };
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
