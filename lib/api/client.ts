import { createParser } from "eventsource-parser";
import { ArborError, errorFromBody } from "@/lib/errors";
import type { JsonObject } from "@/lib/responses/reducer";
import type { InputItem } from "@/lib/responses/types";
import type { NodeDetail, NodeEvent, NodeSummary, Tree, TreeListItem } from "@/lib/tree/types";

/** A provider as `GET /api/providers` describes it (no secrets). */
export type ProviderInfo = {
  id: string;
  label: string;
  baseURL: string;
  models: string[];
  capabilities: { store: boolean; previousResponseId: boolean; hostedTools: string[] };
  hasKey: boolean;
};

/** How a new node's history reaches the model; "auto" lets the server choose. */
export type ContextModeChoice = "auto" | "chain" | "replay";

/** Fields a tree can be created or updated with. */
export type TreeFields = { title?: string; providerId?: string; model?: string; instructions?: string };

/** The body of `POST /api/trees/:id/nodes`. */
export type CreateNodeBody = {
  parentId: string | null;
  input: string | InputItem[] | unknown[];
  providerId?: string;
  model?: string;
  instructions?: string;
  contextMode?: ContextModeChoice;
};

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set("accept", "application/json");
  if (init.body !== undefined) headers.set("content-type", "application/json");
  const response = await fetch(path, { ...init, headers });
  const body = await readBody(response);
  if (!response.ok) throw errorFromBody(response.status, body);
  return body as T;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { error: { message: `The server answered ${response.status} with a body that is not JSON.` } };
  }
}

const json = (value: unknown) => JSON.stringify(value);

/** Arbor's JSON API, typed; every failure is thrown as an ArborError. */
export const api = {
  providers: () => call<{ providers: ProviderInfo[] }>("/api/providers").then((r) => r.providers),
  trees: () => call<{ trees: TreeListItem[] }>("/api/trees").then((r) => r.trees),
  createTree: (fields: TreeFields = {}) =>
    call<{ tree: Tree }>("/api/trees", { method: "POST", body: json(fields) }).then((r) => r.tree),
  tree: (id: string) => call<{ tree: Tree; nodes: NodeSummary[] }>(`/api/trees/${encodeURIComponent(id)}`),
  updateTree: (id: string, fields: TreeFields) =>
    call<{ tree: Tree }>(`/api/trees/${encodeURIComponent(id)}`, { method: "PATCH", body: json(fields) }).then((r) => r.tree),
  deleteTree: (id: string) => call<{ ok: true }>(`/api/trees/${encodeURIComponent(id)}`, { method: "DELETE" }),
  node: (id: string) => call<{ node: NodeDetail }>(`/api/nodes/${encodeURIComponent(id)}`).then((r) => r.node),
  nodeEvents: (id: string) =>
    call<{ events: NodeEvent[] }>(`/api/nodes/${encodeURIComponent(id)}/events`).then((r) => r.events),
  cancelNode: (id: string) => call<unknown>(`/api/nodes/${encodeURIComponent(id)}/cancel`, { method: "POST" }),
  deleteNode: (id: string) =>
    call<{ ok: true; deleted: number }>(`/api/nodes/${encodeURIComponent(id)}`, { method: "DELETE" }),
};

/** Callbacks of a streamed node creation, in the order they fire. */
export type NodeStreamHandlers = {
  /** The node is saved (status in_progress); fires once, before any provider event. */
  onNode: (node: NodeSummary) => void;
  /** One provider stream event, unchanged. */
  onEvent: (event: JsonObject) => void;
};

/**
 * Create a node and follow its stream (`Accept: text/event-stream`); resolves with the final node.
 * Bad input throws an ArborError before any event; a provider failure still resolves, with status "failed".
 */
export async function createNodeStreaming(
  treeId: string,
  body: CreateNodeBody,
  handlers: NodeStreamHandlers,
  signal?: AbortSignal,
): Promise<NodeDetail> {
  const response = await fetch(`/api/trees/${encodeURIComponent(treeId)}/nodes`, {
    method: "POST",
    headers: { accept: "text/event-stream", "content-type": "application/json" },
    body: json(body),
    signal,
  });
  if (!response.ok || !response.body) throw errorFromBody(response.status, await readBody(response));

  // Written from the parser's callbacks, so kept in an object TypeScript does not narrow.
  const outcome: { node: NodeDetail | null; failure: unknown } = { node: null, failure: null };
  const parser = createParser({
    onEvent(message) {
      if (outcome.failure !== null || message.data === "[DONE]") return;
      try {
        const data = JSON.parse(message.data) as JsonObject;
        if (message.event === "arbor.node") handlers.onNode((data as { node: NodeSummary }).node);
        else if (message.event === "arbor.done") outcome.node = (data as { node: NodeDetail }).node;
        else handlers.onEvent({ type: message.event, ...data });
      } catch (err) {
        outcome.failure = err;
      }
    },
  });

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    parser.feed(value);
    if (outcome.failure !== null) {
      await reader.cancel();
      break;
    }
  }
  if (outcome.failure !== null) {
    throw new ArborError("internal_error", `Could not read the node's stream: ${String(outcome.failure)}`);
  }
  if (outcome.node === null) {
    throw new ArborError("upstream_unavailable", "The stream ended before the node finished. Reload to see its final state.");
  }
  return outcome.node;
}
