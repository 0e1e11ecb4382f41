import "server-only";
import type { ContextMode } from "@/lib/contracts/nodes";
import { PROXY_HEADERS, type ProxyCreateBody } from "@/lib/contracts/proxy";
import type { Tree } from "@/lib/contracts/trees";
import { toInputItems } from "@/lib/responses/input";
import { isObject } from "@/lib/responses/json";
import type { InputItem } from "@/lib/responses/types";
import type { Db } from "@/lib/server/db/client";
import { findNodeByResponseId, findOrCreateProxyTree, findWorkspaceTree, listMatchableNodes } from "@/lib/server/db/proxy";
import type { ApiClient } from "@/lib/server/auth/api-client";
import { recordingsInFlight, recordingsSaved } from "@/lib/server/proxy/in-flight";
import { findLongestContextPrefix } from "@/lib/tree/context-match";
import { newTreeId } from "./trees";

/** Where a recorded call lands: its tree, its parent, the items this turn adds, and how its history travelled. */
export type Placement = { tree: Tree; parentId: string | null; input: InputItem[]; contextMode: ContextMode };

/** What placing a call reads of it. */
export type CallFacts = {
  client: ApiClient;
  clientName: string;
  headers: Headers;
  body: ProxyCreateBody;
  providerId: string;
  model: string;
  now: Date;
  /** This call's place among the recordings of this process (it waits only for those before it). */
  seq: number;
};

/**
 * Place a call in the graph. Its tree: the one X-Arbor-Tree names, else the tree of the response it continues, else
 * one per client session (a session hint it sends), else one per token and hour. Its parent: the node whose response
 * id is `previous_response_id`, else (the client re-sends the history) the node whose whole context is the longest
 * prefix of the input, else none (a new root).
 */
export async function placeCall(db: Db, facts: CallFacts): Promise<Placement> {
  const sent = toItems(facts.body.input);
  const previousId = facts.body.previous_response_id ?? null;
  const previous = previousId ? await nodeWithResponse(db, facts.client.principal.workspaceId, previousId, facts.seq) : null;
  const named = facts.headers.get(PROXY_HEADERS.tree)?.trim();
  const tree = named
    ? await namedTree(db, named, facts)
    : previous
      ? ((await findWorkspaceTree(db, facts.client.principal.workspaceId, previous.treeId)) ?? (await sessionTree(db, facts)))
      : await sessionTree(db, facts);

  if (previousId) {
    return { tree, parentId: previous && previous.treeId === tree.id ? previous.id : null, input: sent, contextMode: "chain" };
  }
  await recordingsSaved(facts.seq, tree.id);
  const match = findLongestContextPrefix(await listMatchableNodes(db, tree.id), sent);
  return { tree, parentId: match.parentId, input: sent.slice(match.matched), contextMode: match.parentId ? "replay" : "chain" };
}

// The node with this response id; one still being recorded here is waited for (its id may not be saved yet).
async function nodeWithResponse(db: Db, workspaceId: string, responseId: string, seq: number) {
  const found = await findNodeByResponseId(db, workspaceId, responseId);
  if (found || !recordingsInFlight(seq)) return found;
  await recordingsSaved(seq);
  return findNodeByResponseId(db, workspaceId, responseId);
}

// X-Arbor-Tree: an existing tree's id, else a name (its tree made on first use).
async function namedTree(db: Db, name: string, facts: CallFacts): Promise<Tree> {
  const byId = /^[a-z0-9]{1,40}$/.test(name) ? await findWorkspaceTree(db, facts.client.principal.workspaceId, name) : null;
  if (byId) return byId;
  const title = name.slice(0, 200);
  return findOrCreateProxyTree(db, `${facts.client.principal.workspaceId}:name:${facts.client.tokenDigest}:${title}`, treeValues(facts, title));
}

// One tree per client session: the session the client names, else its token and the hour.
async function sessionTree(db: Db, facts: CallFacts): Promise<Tree> {
  const session = sessionHint(facts.headers, facts.body);
  if (session) {
    const title = `${facts.clientName} session ${session.slice(0, 13)}`;
    return findOrCreateProxyTree(db, `${facts.client.principal.workspaceId}:session:${facts.client.tokenDigest}:${session}`, treeValues(facts, title));
  }
  const hour = facts.now.toISOString().slice(0, 13);
  const title = `${facts.clientName} script ${hour.replace("T", " ")}:00 UTC`;
  return findOrCreateProxyTree(db, `${facts.client.principal.workspaceId}:hour:${facts.client.tokenDigest}:${facts.clientName}:${hour}`, treeValues(facts, title));
}

/** A client's session hint: a session header (Codex sends `session_id`), its conversation, or its cache key. */
export function sessionHint(headers: Headers, body: ProxyCreateBody): string | null {
  const header = headers.get("session_id") ?? headers.get("session-id") ?? headers.get("x-session-id") ?? headers.get("conversation_id");
  const conversation = typeof body.conversation === "string" ? body.conversation : body.conversation?.id;
  const metadata = isObject(body.metadata) && typeof body.metadata.session_id === "string" ? body.metadata.session_id : null;
  const hint = header ?? conversation ?? metadata ?? body.prompt_cache_key ?? null;
  return hint ? hint.slice(0, 200) : null;
}

function treeValues(facts: CallFacts, title: string) {
  const { workspaceId, userId } = facts.client.principal;
  return { id: newTreeId(), title, providerId: facts.providerId, model: facts.model, source: "proxy", clientName: facts.clientName, workspaceId, createdBy: userId };
}

function toItems(input: ProxyCreateBody["input"]): InputItem[] {
  return input === undefined ? [] : toInputItems(input as string | InputItem[]);
}
