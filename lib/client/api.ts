import { createParser } from "eventsource-parser";
import type { Answers } from "@/lib/contracts/answers";
import { ArborError, errorFromBody } from "@/lib/contracts/errors";
import type { CompactNodeBody, CreateNodeBody, NodeDetail, NodeSummary, PatchNodeBody, RepeatNodeBody } from "@/lib/contracts/nodes";
import type { ProviderFile } from "@/lib/contracts/providers";
import { packedTreePath, unpackTree } from "@/lib/contracts/tree-wire";
import type { ImportBody } from "@/lib/contracts/transfer";
import type { CreateShareBody, PutBudgetInput, WorkspaceRole } from "@/lib/contracts/team";
import type { CreateTreeBody, PatchTreeBody } from "@/lib/contracts/trees";
import type { JsonObject } from "@/lib/responses/json";

/** Set on the page of a read-only link: trees and nodes are read through it, not through the signed-in API. */
let readOnlyLink: string | null = null;

/** Read the tree and its nodes through a read-only link's token (null: the signed-in API again). */
export function readThroughLink(token: string | null): void {
  readOnlyLink = token;
}

const linkPath = (token: string) => `/api/s/${encodeURIComponent(token)}`;

/** Where a node is read: through the page's read-only link when it is one, else the signed-in API. */
const nodePath = (id: string) => (readOnlyLink ? `${linkPath(readOnlyLink)}/nodes/${encodeURIComponent(id)}` : `/api/nodes/${encodeURIComponent(id)}`);

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
  /** Who is signed in, with their workspace and role. */
  me: () => call<Answers["GET /api/me"]>("/api/me").then((r) => r.me),
  shares: (treeId: string) => call<Answers["GET /api/trees/:id/shares"]>(`/api/trees/${encodeURIComponent(treeId)}/shares`).then((r) => r.shares),
  createShare: (treeId: string, body: CreateShareBody) =>
    call<Answers["POST /api/trees/:id/shares"]>(`/api/trees/${encodeURIComponent(treeId)}/shares`, { method: "POST", body: json(body) }).then((r) => r.share),
  deleteShare: (id: string) => call<Answers["DELETE /api/shares/:id"]>(`/api/shares/${encodeURIComponent(id)}`, { method: "DELETE" }),
  /** Copy what a read-only link shows into a new tree of the caller's workspace. */
  copyShare: (token: string) => call<Answers["POST /api/s/:token/copy"]>(`/api/s/${encodeURIComponent(token)}/copy`, { method: "POST", body: json({}) }),
  invites: () => call<Answers["GET /api/invites"]>("/api/invites").then((r) => r.invites),
  members: () => call<Answers["GET /api/members"]>("/api/members").then((r) => r.members),
  setMemberRole: (userId: string, role: WorkspaceRole) =>
    call<Answers["PATCH /api/members/:userId"]>(`/api/members/${encodeURIComponent(userId)}`, { method: "PATCH", body: json({ role }) }),
  budgets: () => call<Answers["GET /api/budgets"]>("/api/budgets").then((r) => r.budgets),
  putBudget: (body: PutBudgetInput) => call<Answers["PUT /api/budgets"]>("/api/budgets", { method: "PUT", body: json(body) }).then((r) => r.budgets),
  usage: (days = 30) => call<Answers["GET /api/usage"]>(`/api/usage?days=${days}`).then((r) => r.usage),
  providerKeys: () => call<Answers["GET /api/provider-keys"]>("/api/provider-keys").then((r) => r.keys),
  putProviderKey: (providerId: string, apiKey: string) =>
    call<Answers["PUT /api/provider-keys/:providerId"]>(`/api/provider-keys/${encodeURIComponent(providerId)}`, { method: "PUT", body: json({ apiKey }) }).then((r) => r.keys),
  deleteProviderKey: (providerId: string) =>
    call<Answers["DELETE /api/provider-keys/:providerId"]>(`/api/provider-keys/${encodeURIComponent(providerId)}`, { method: "DELETE" }).then((r) => r.keys),
  createInvite: (role: "member" | "viewer") => call<Answers["POST /api/invites"]>("/api/invites", { method: "POST", body: json({ role }) }).then((r) => r.invite),
  /** The caller's API tokens for the recording proxy (the secret only in the answer that makes one). */
  tokens: () => call<Answers["GET /api/tokens"]>("/api/tokens").then((r) => r.tokens),
  createToken: (name: string) => call<Answers["POST /api/tokens"]>("/api/tokens", { method: "POST", body: json({ name }) }).then((r) => r.token),
  deleteToken: (id: string) => call<Answers["DELETE /api/tokens/:id"]>(`/api/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
  providers: () => call<Answers["GET /api/providers"]>("/api/providers").then((r) => r.providers),
  trees: () => call<Answers["GET /api/trees"]>("/api/trees").then((r) => r.trees),
  createTree: (fields: CreateTreeBody = {}) =>
    call<Answers["POST /api/trees"]>("/api/trees", { method: "POST", body: json(fields) }).then((r) => r.tree),
  /** A tree and its node summaries, read in the packed form (a third of the bytes) and unpacked here; through a read-only link when the page is one. */
  tree: (id: string): Promise<Answers["GET /api/trees/:id"]> =>
    readOnlyLink
      ? call<Answers["GET /api/s/:token"]>(linkPath(readOnlyLink)).then(({ tree, nodes }) => ({ tree, nodes }))
      : call<Answers["GET /api/trees/:id?view=packed"]>(packedTreePath(id)).then(unpackTree),
  updateTree: (id: string, fields: PatchTreeBody) =>
    call<Answers["PATCH /api/trees/:id"]>(`/api/trees/${encodeURIComponent(id)}`, { method: "PATCH", body: json(fields) }).then((r) => r.tree),
  deleteTree: (id: string) => call<Answers["DELETE /api/trees/:id"]>(`/api/trees/${encodeURIComponent(id)}`, { method: "DELETE" }),
  node: (id: string) => call<Answers["GET /api/nodes/:id"]>(nodePath(id)).then((r) => r.node),
  nodeEvents: (id: string, after = -1) => call<Answers["GET /api/nodes/:id/events"]>(`${nodePath(id)}/events?after=${after}`).then((r) => r.events),
  /** The conversation a node's call saw: every ancestor's input and output, then its own input. */
  nodeContext: (id: string) => call<Answers["GET /api/nodes/:id/context"]>(`${nodePath(id)}/context`),
  cancelNode: (id: string) => call<Answers["POST /api/nodes/:id/cancel"]>(`/api/nodes/${encodeURIComponent(id)}/cancel`, { method: "POST" }).then((r) => r.node),
  /** Set a node's label, note or star. */
  patchNode: (id: string, fields: PatchNodeBody) =>
    call<Answers["PATCH /api/nodes/:id"]>(`/api/nodes/${encodeURIComponent(id)}`, { method: "PATCH", body: json(fields) }).then((r) => r.node),
  /** Trees and nodes whose title, label, note, input or output hold every word of `q`. */
  search: (q: string, signal?: AbortSignal) => call<Answers["GET /api/search"]>(`/api/search?q=${encodeURIComponent(q)}`, { signal }),
  /** "Compact from this node": a new root of the tree holding the node's branch compacted by its provider. */
  compactNode: (id: string, body: CompactNodeBody = {}) =>
    call<Answers["POST /api/nodes/:id/compact"]>(`/api/nodes/${encodeURIComponent(id)}/compact`, { method: "POST", body: json(body) }).then((r) => r.node),
  deleteNode: (id: string) =>
    call<Answers["DELETE /api/nodes/:id"]>(`/api/nodes/${encodeURIComponent(id)}`, { method: "DELETE" }),
  /** The input tokens and input cost of the node `body` would create, counted by its provider; nothing is sent. */
  inputTokens: (treeId: string, body: CreateNodeBody, signal?: AbortSignal) =>
    call<Answers["POST /api/trees/:id/input-tokens"]>(`/api/trees/${encodeURIComponent(treeId)}/input-tokens`, { method: "POST", body: json(body), signal }),
  /** Build the guided example tree through the offline engine; answers it once every step is done. */
  createExampleTree: () => call<Answers["POST /api/trees/example"]>("/api/trees/example", { method: "POST" }).then((r) => r.tree),
  /** Import pasted JSON (`data`) or a `resp_…` id fetched from a provider; answers the new tree. */
  importTree: (body: ImportBody) =>
    call<Answers["POST /api/trees/import"]>("/api/trees/import", { method: "POST", body: json(body) }),
  /** The vector stores of a provider that runs file search. */
  vectorStores: (providerId: string) =>
    call<Answers["GET /api/providers/:id/vector_stores"]>(`/api/providers/${encodeURIComponent(providerId)}/vector_stores`).then((r) => r.vectorStores),
  createVectorStore: (providerId: string, name: string) =>
    call<Answers["POST /api/providers/:id/vector_stores"]>(`/api/providers/${encodeURIComponent(providerId)}/vector_stores`, { method: "POST", body: json({ name }) }).then(
      (r) => r.vectorStore,
    ),
  vectorStoreFiles: (providerId: string, vectorStoreId: string) =>
    call<Answers["GET /api/providers/:id/vector_stores/:vs/files"]>(vectorStoreFilesPath(providerId, vectorStoreId)).then((r) => r.files),
  /** Add an uploaded file to a store; a file the provider cannot index comes back `failed` with `lastError`. */
  addFileToVectorStore: (providerId: string, vectorStoreId: string, fileId: string) =>
    call<Answers["POST /api/providers/:id/vector_stores/:vs/files"]>(vectorStoreFilesPath(providerId, vectorStoreId), { method: "POST", body: json({ fileId }) }).then((r) => r.file),
};

/** Where a tree (or the branch from its root to one node) downloads as Arbor JSON. */
export function exportUrl(treeId: string, branchNodeId?: string | null, format: "json" | "markdown" | "typescript" | "python" = "json"): string {
  const base = `/api/trees/${encodeURIComponent(treeId)}/export`;
  if (!branchNodeId) return base;
  return `${base}?branch=${encodeURIComponent(branchNodeId)}${format === "json" ? "" : `&format=${format}`}`;
}

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
export function createNodeStreaming(treeId: string, body: CreateNodeBody, handlers: NodeStreamHandlers, signal?: AbortSignal): Promise<NodeDetail> {
  return streamNode(`/api/trees/${encodeURIComponent(treeId)}/nodes`, body, handlers, signal);
}

/** Ask a node again as a sibling (same input, tools and parameters) and follow the new node's stream. */
export function repeatNodeStreaming(nodeId: string, body: RepeatNodeBody, handlers: NodeStreamHandlers, signal?: AbortSignal): Promise<NodeDetail> {
  return streamNode(`/api/nodes/${encodeURIComponent(nodeId)}/repeat`, body, handlers, signal);
}

async function streamNode(path: string, body: unknown, handlers: NodeStreamHandlers, signal?: AbortSignal): Promise<NodeDetail> {
  const response = await fetch(path, {
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

const vectorStoreFilesPath = (providerId: string, vectorStoreId: string) =>
  `/api/providers/${encodeURIComponent(providerId)}/vector_stores/${encodeURIComponent(vectorStoreId)}/files`;

/**
 * Upload a file to a provider (`POST /api/providers/:id/files`) with XMLHttpRequest, which reports upload progress
 * (fetch does not); `onProgress` gets 0–1. Rejects with an ArborError.
 */
export function uploadProviderFile(providerId: string, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<ProviderFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/providers/${encodeURIComponent(providerId)}/files`);
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText === "" ? null : (JSON.parse(xhr.responseText) as unknown);
      } catch {
        body = { error: { message: `The server answered ${xhr.status} with a body that is not JSON.` } };
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve((body as Answers["POST /api/providers/:id/files"]).file);
      else reject(errorFromBody(xhr.status, body));
    };
    xhr.onerror = () => reject(new ArborError("upstream_unavailable", "The upload did not reach the server. Check the connection and try again."));
    xhr.onabort = () => reject(new ArborError("bad_request", "The upload was cancelled."));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}
