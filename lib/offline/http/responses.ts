import { getDb } from "@/lib/server/db/client";
import { deleteOfflineResponse, getOfflineResponse } from "@/lib/server/db/offline-responses";
import { OfflineApiError, responseNotFound } from "../core/errors";
import type { Item } from "../core/types";
import { backgroundRun, backgroundSseResponse, cancelBackgroundRun, replayableRun, settleOrphanedBackground } from "../stream/background";
import { compactConversation } from "./compact";
import { createResponse, resumeBackground } from "./create";
import { cursorPage } from "./pagination";
import type { Route } from "./route";

/** The endpoints of `/responses`: create, compact, retrieve (and resume), delete, cancel, list input items. */
export const responseRoutes: Route[] = [
  { method: "POST", pattern: ["responses"], handler: (request) => createResponse(request) },
  { method: "POST", pattern: ["responses", "compact"], handler: (request) => compactConversation(request) },
  { method: "GET", pattern: ["responses", ":id"], handler: (request, [id]) => retrieveResponse(request, id) },
  { method: "DELETE", pattern: ["responses", ":id"], handler: (_, [id]) => deleteResponse(id) },
  { method: "POST", pattern: ["responses", ":id", "cancel"], handler: (_, [id]) => cancelResponse(id) },
  { method: "GET", pattern: ["responses", ":id", "input_items"], handler: (request, [id]) => listInputItems(request, id) },
];

async function loadStored(id: string | undefined) {
  const db = await getDb();
  const row = id ? await getOfflineResponse(db, id) : undefined;
  if (!row) throw responseNotFound(id ?? "");
  return { ...row, response: await settleOrphanedBackground(db, row.response, resumeBackground) };
}

// `?stream=true` (re)streams a background response's events, after `starting_after` when given: how a client that
// lost its stream resumes it.
async function retrieveResponse(request: Request, id: string | undefined): Promise<Response> {
  const { response } = await loadStored(id);
  const query = new URL(request.url).searchParams;
  if (query.get("stream") !== "true") return Response.json(response);
  const startingAfter = readStartingAfter(query.get("starting_after"));
  const run = response.background === true ? replayableRun(String(response.id)) : undefined;
  if (!run) {
    const message = response.background
      ? "This background response's events are no longer available to stream; retrieve it without `stream`."
      : "Only responses created with background=true can be streamed when retrieved.";
    throw new OfflineApiError(400, message, { param: "stream", code: null });
  }
  return backgroundSseResponse(run, { cutAfterEvents: null, signal: request.signal, startingAfter });
}

function readStartingAfter(text: string | null): number | undefined {
  if (text === null) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    throw new OfflineApiError(400, "Invalid value for 'starting_after': expected a non-negative integer.", {
      param: "starting_after",
      code: "invalid_value",
    });
  }
  return n;
}

async function deleteResponse(id: string | undefined): Promise<Response> {
  // A response deleted while it runs in the background stops generating.
  if (id && backgroundRun(id)) await cancelBackgroundRun(id);
  if (!id || !(await deleteOfflineResponse(await getDb(), id))) throw responseNotFound(id ?? "");
  return Response.json({ id, object: "response", deleted: true });
}

// A queued or running background response stops and is answered as stored (cancelled, with the output items it
// finished); a finished one is answered unchanged, as the spec's cancel only ever answers a Response.
async function cancelResponse(id: string | undefined): Promise<Response> {
  const { response } = await loadStored(id);
  if (!response.background) {
    throw new OfflineApiError(400, "Only responses created with background=true can be cancelled.", { param: "response_id", code: null });
  }
  await cancelBackgroundRun(String(response.id));
  return Response.json((await loadStored(id)).response);
}

async function listInputItems(request: Request, id: string | undefined): Promise<Response> {
  const inputItems = (await loadStored(id)).inputItems as Item[];
  return Response.json(cursorPage(request, inputItems, `input item in response '${id ?? ""}'`));
}
