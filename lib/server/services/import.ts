import "server-only";
import { APIError } from "openai";
import { z } from "zod";
import { ArborError } from "@/lib/contracts/errors";
import { nodeStatuses, type NodeStatus } from "@/lib/contracts/nodes";
import { treeExportSchema, type ExportedNode, type ImportBody } from "@/lib/contracts/transfer";
import type { Tree } from "@/lib/contracts/trees";
import { isObject, type JsonObject } from "@/lib/responses/json";
import type { InputItem, Response } from "@/lib/responses/types";
import { currentPrincipal } from "@/lib/server/auth/context";
import { getDb } from "@/lib/server/db/client";
import { isDatabaseUnavailable } from "@/lib/server/db/errors";
import { insertNodes, updateNode, type NewNode } from "@/lib/server/db/nodes";
import { deleteTree, insertTree } from "@/lib/server/db/trees";
import { toUpstreamError } from "@/lib/server/providers/errors";
import { clientFor, getProvider, OFFLINE_PROVIDER_ID, type Provider } from "@/lib/server/providers/registry";
import { saveWithRetry } from "@/lib/server/db/retry";
import { scrubDeep } from "@/lib/server/secrets";
import { newNodeId } from "./nodes";
import { newTreeId } from "./trees";

const item = z.custom<JsonObject>((i) => isObject(i) && typeof i.type === "string", "each item needs a type");
const responseSchema = z.looseObject({ id: z.string().min(1), output: z.array(item) });
const outputArraySchema = z.array(item).min(1);

/** Nodes are written this many at a time, each batch its own statement, so other requests are served in between. */
const IMPORT_BATCH = 500;

type Draft = { key: string; parentKey: string | null; compactedFromKey?: string | null; values: Omit<NewNode, "id" | "treeId" | "parentId" | "compactedFrom"> };

/** A node built from a Response object (as a provider returned it) and the input that led to it. */
function draftFromResponse(key: string, response: JsonObject, input: InputItem[], providerId: string): Draft {
  const status = nodeStatuses.includes(response.status as NodeStatus) ? (response.status as NodeStatus) : "completed";
  const error = isObject(response.error) ? response.error : null;
  return {
    key,
    parentKey: null,
    values: {
      providerId,
      model: typeof response.model === "string" ? response.model : "unknown",
      input,
      request: null,
      response: response as unknown as Response,
      responseId: typeof response.id === "string" && response.id.startsWith("resp_") ? response.id : null,
      status,
      error: error ? { code: String(error.code ?? "upstream_error"), message: String(error.message ?? "") } : null,
      contextMode: "chain",
      usage: isObject(response.usage) ? (response.usage as unknown as Response["usage"]) : null,
    },
  };
}

/** Parents before children, whatever order the file lists them in; a link to a missing node or a cycle is refused. */
function parentsFirst(nodes: readonly ExportedNode[]): ExportedNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string | null, ExportedNode[]>();
  for (const n of nodes) {
    if (n.parentId !== null && !byId.has(n.parentId)) throw new ArborError("bad_request", `Node "${n.id}" names a parent "${n.parentId}" that is not in the export.`);
    children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  }
  const ordered: ExportedNode[] = [];
  const queue = [...(children.get(null) ?? [])];
  for (let i = 0; i < queue.length; i++) {
    ordered.push(queue[i]!);
    queue.push(...(children.get(queue[i]!.id) ?? []));
  }
  if (ordered.length < nodes.length) throw new ArborError("bad_request", "The export's parent links form a cycle.");
  return ordered;
}

function draftsFromExport(nodes: readonly ExportedNode[]): Draft[] {
  return parentsFirst(nodes).map((n) => ({
    key: n.id,
    parentKey: n.parentId,
    compactedFromKey: n.compactedFrom ?? null,
    values: {
      providerId: n.providerId,
      model: n.model,
      input: n.input,
      request: n.request,
      response: n.response,
      responseId: n.responseId,
      // A node exported while it ran will never finish now.
      status: n.status === "in_progress" || n.status === "queued" ? "failed" : n.status,
      error: n.error,
      contextMode: n.contextMode,
      contextFallback: n.contextFallback ?? false,
      store: n.store ?? true,
      usage: n.usage,
      ttftMs: n.ttftMs,
      durationMs: n.durationMs,
      costUsd: n.costUsd,
      label: n.label,
      note: n.note ?? null,
      starred: n.starred ?? false,
      createdAt: new Date(n.createdAt),
    },
  }));
}

/** Fetch a stored response and the ones it chains to, oldest first (at most `limit`). */
async function fetchChain(provider: Provider, responseId: string, limit = 200): Promise<Draft[]> {
  const client = clientFor(provider);
  const chain: Draft[] = [];
  let cursor: string | null = responseId;
  while (cursor && chain.length < limit) {
    let response: JsonObject;
    const input: InputItem[] = [];
    try {
      response = (await client.responses.retrieve(cursor)) as unknown as JsonObject;
      for await (const entry of client.responses.inputItems.list(cursor, { order: "asc" })) input.push(entry as unknown as InputItem);
    } catch (err) {
      if (err instanceof APIError && err.status === 404) {
        if (chain.length === 0) throw new ArborError("not_found", `${provider.label} has no stored response "${cursor}".`);
        break; // an older link expired: the oldest one found becomes the root
      }
      const failure = toUpstreamError(err, provider);
      throw new ArborError(failure.code === "not_found" ? "upstream_error" : failure.code, `${provider.label} could not return "${cursor}": ${failure.message}`);
    }
    chain.unshift(draftFromResponse(cursor, response, input, provider.id));
    cursor = typeof response.previous_response_id === "string" ? response.previous_response_id : null;
  }
  return chain.map((draft, i) => ({ ...draft, parentKey: i === 0 ? null : chain[i - 1]!.key }));
}

/**
 * A provider's conversation as a branch: one node per user turn (its message as input, the items up to the next user
 * message as output), each recording the conversation in its request.
 */
async function fetchConversation(provider: Provider, conversationId: string, limit = 2_000): Promise<Draft[]> {
  const client = clientFor(provider);
  const items: JsonObject[] = [];
  try {
    for await (const item of client.conversations.items.list(conversationId, { order: "asc", limit: 100 })) {
      items.push(item as unknown as JsonObject);
      if (items.length >= limit) break;
    }
  } catch (err) {
    if (err instanceof APIError && err.status === 404) throw new ArborError("not_found", `${provider.label} has no conversation "${conversationId}".`);
    const failure = toUpstreamError(err, provider);
    throw new ArborError(failure.code === "not_found" ? "upstream_error" : failure.code, `${provider.label} could not return "${conversationId}": ${failure.message}`);
  }
  const turns: { input: JsonObject[]; output: JsonObject[] }[] = [];
  for (const item of items) {
    const isUser = item.type === "message" && item.role === "user";
    if (isUser || turns.length === 0) turns.push({ input: [], output: [] });
    const turn = turns.at(-1)!;
    (isUser ? turn.input : turn.output).push(item);
  }
  return turns.map((turn, i) => {
    const draft = draftFromResponse(`c${i}`, { id: "", object: "response", status: "completed", model: "unknown", output: turn.output }, turn.input as unknown as InputItem[], provider.id);
    return {
      ...draft,
      parentKey: i === 0 ? null : `c${i - 1}`,
      values: { ...draft.values, request: { model: "unknown", input: turn.input as unknown as InputItem[], conversation: conversationId } as Draft["values"]["request"] },
    };
  });
}

function draftsFromData(data: unknown, providerId: string): { drafts: Draft[]; title: string } {
  const asExport = treeExportSchema.safeParse(data);
  if (asExport.success) return { drafts: draftsFromExport(asExport.data.nodes), title: `${asExport.data.tree.title} (imported)` };
  if (isObject(data) && data.format === "arbor.tree") {
    const problem = asExport.error.issues[0];
    throw new ArborError("bad_request", `This Arbor export is not valid: ${problem ? `${problem.path.join(".")}: ${problem.message}` : "unknown problem"}.`);
  }
  const asResponse = responseSchema.safeParse(data);
  if (asResponse.success) return { drafts: [draftFromResponse("r", asResponse.data, [], providerId)], title: "Imported response" };
  const asOutput = outputArraySchema.safeParse(data);
  if (asOutput.success) return { drafts: [draftFromResponse("o", { output: asOutput.data }, [], providerId)], title: "Imported output" };
  throw new ArborError("bad_request", "Nothing to import: expected an Arbor export, a Response object (with id and output), or an output array.");
}

/**
 * Create a new tree from pasted JSON or a fetched chain of responses: all of it or nothing. Nodes are written in
 * batches that let other requests in between; if a batch fails, the tree is removed again and the error says how far
 * the import got.
 */
export async function importTree(body: ImportBody): Promise<{ tree: Tree; nodeCount: number }> {
  const provider = getProvider(body.providerId ?? OFFLINE_PROVIDER_ID, "bad_request");
  const { drafts, title } =
    "responseId" in body
      ? { drafts: await fetchChain(provider, body.responseId), title: `Imported ${body.responseId.slice(0, 16)}…` }
      : "conversationId" in body
        ? { drafts: await fetchConversation(provider, body.conversationId), title: `Conversation ${body.conversationId.slice(0, 16)}…` }
        : draftsFromData(body.data, provider.id);
  if (drafts.length === 0) throw new ArborError("bad_request", "The import holds no nodes.");

  const db = await getDb();
  const first = drafts[0]!.values;
  const { workspaceId, userId } = currentPrincipal();
  const tree = await insertTree(db, { id: newTreeId(), title: body.title ?? title, providerId: provider.id, model: provider.models.includes(first.model) ? first.model : provider.models[0]!, workspaceId, createdBy: userId });
  const idFor = new Map<string, string>();
  const start = Date.now();
  const rowOf = (draft: Draft, i: number): NewNode => {
    const id = newNodeId();
    idFor.set(draft.key, id);
    const parentId = draft.parentKey === null ? null : (idFor.get(draft.parentKey) ?? null);
    // Whatever the file holds, no key leaves it into the database.
    return scrubDeep({ createdAt: new Date(start + i), ...draft.values, id, treeId: tree.id, parentId, createdBy: userId });
  };
  let saved = 0;
  try {
    for (; saved < drafts.length; saved += IMPORT_BATCH) {
      await insertNodes(db, drafts.slice(saved, saved + IMPORT_BATCH).map((draft, i) => rowOf(draft, saved + i)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    // A compacted root may come before the node it was made from, so its link is set once every node is in.
    for (const draft of drafts) {
      const source = draft.compactedFromKey ? idFor.get(draft.compactedFromKey) : undefined;
      const id = idFor.get(draft.key);
      if (source && id) await updateNode(db, id, { compactedFrom: source });
    }
  } catch (err) {
    await saveWithRetry(() => deleteTree(db, tree.id), `the removal of the unfinished import ${tree.id}`);
    if (!isDatabaseUnavailable(err)) throw err;
    throw new ArborError("database_unavailable", `The import stopped after ${saved} of ${drafts.length} nodes because the database became unavailable; nothing of it was kept. Try again in a moment.`);
  }
  return { tree, nodeCount: drafts.length };
}
