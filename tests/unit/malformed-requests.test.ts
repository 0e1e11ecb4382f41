import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as unknownApiRoute from "@/app/api/[...path]/route";
import * as budgetsRoute from "@/app/api/budgets/route";
import * as invitesRoute from "@/app/api/invites/route";
import * as memberRoute from "@/app/api/members/[userId]/route";
import * as providerKeyRoute from "@/app/api/provider-keys/[providerId]/route";
import * as sharedRoute from "@/app/api/s/[token]/route";
import * as shareRoute from "@/app/api/shares/[id]/route";
import * as sharesRoute from "@/app/api/trees/[id]/shares/route";
import * as usageRoute from "@/app/api/usage/route";
import * as healthRoute from "@/app/api/health/route";
import * as metricsRoute from "@/app/api/metrics/route";
import * as cancelRoute from "@/app/api/nodes/[id]/cancel/route";
import * as contextRoute from "@/app/api/nodes/[id]/context/route";
import * as eventsRoute from "@/app/api/nodes/[id]/events/route";
import * as repeatRoute from "@/app/api/nodes/[id]/repeat/route";
import * as compactRoute from "@/app/api/nodes/[id]/compact/route";
import * as nodeRoute from "@/app/api/nodes/[id]/route";
import * as filesRoute from "@/app/api/providers/[id]/files/route";
import * as storeFilesRoute from "@/app/api/providers/[id]/vector_stores/[vs]/files/route";
import * as storesRoute from "@/app/api/providers/[id]/vector_stores/route";
import * as inputTokensRoute from "@/app/api/trees/[id]/input-tokens/route";
import * as providersRoute from "@/app/api/providers/route";
import * as readyRoute from "@/app/api/ready/route";
import * as searchRoute from "@/app/api/search/route";
import * as tokenRoute from "@/app/api/tokens/[id]/route";
import * as tokensRoute from "@/app/api/tokens/route";
import * as exampleRoute from "@/app/api/trees/example/route";
import * as treeEventsRoute from "@/app/api/trees/[id]/events/route";
import * as exportRoute from "@/app/api/trees/[id]/export/route";
import * as nodesRoute from "@/app/api/trees/[id]/nodes/route";
import * as treeRoute from "@/app/api/trees/[id]/route";
import * as importRoute from "@/app/api/trees/import/route";
import * as treesRoute from "@/app/api/trees/route";
import * as proxyRoute from "@/app/api/v1/[...path]/route";
import type { NodeDetail } from "@/lib/contracts/nodes";
import type { Tree } from "@/lib/contracts/trees";
import { resetEnvForTests } from "@/lib/env";
import { handleOfflineRequest } from "@/lib/offline/http/router";
import { setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { testDatabases } from "./support/databases";
import { serve, type Served } from "./support/http";
import { callRoute, databaseSnapshot, type RouteCall, type RouteHandler } from "./support/routes";

// Every route of Arbor's API, given what a careless client, a hostile page or a broken script sends: each answer is
// the one error shape with a fitting status, and nothing in the database changes.

const base = "http://arbor.test";
/** JSON text nested `depth` objects deep around `inner` (too deep for JSON.stringify to build). */
const deep = (depth: number, inner = '"x"'): string => `${'{"a":'.repeat(depth)}${inner}${"}".repeat(depth)}`;
const jsonText = (text: string): Partial<RouteCall> => ({ body: text, headers: { "content-type": "application/json" } });
const crossSite = { "sec-fetch-site": "cross-site" };
const evilOrigin = { origin: "https://evil.example" };

let offline: Served;

beforeAll(async () => {
  offline = await serve((request) => handleOfflineRequest(request, new URL(request.url).pathname.split("/").filter(Boolean).slice(1)));
  process.env.ARBOR_OFFLINE_BASE_URL = `${offline.url}/v1`;
  process.env.ARBOR_OFFLINE_TPS = "0";
  process.env.ARBOR_MAX_INPUT_BYTES = "20000";
  process.env.ARBOR_PROVIDERS = JSON.stringify([
    { id: "stateless", label: "Stateless", baseURL: `${offline.url}/v1`, models: ["offline-echo"], capabilities: { store: false, previousResponseId: false } },
  ]);
  delete process.env.OPENAI_API_KEY;
  resetEnvForTests();
});

afterAll(async () => {
  await offline.close();
});

type Case = { name: string; handler: RouteHandler; path: string; call: RouteCall; status: number; code: string };

describe.each(testDatabases())("malformed requests on $name", ({ open }) => {
  let database: Database;
  let tree: Tree;
  let node: NodeDetail;
  let otherTreeNode: NodeDetail;

  beforeAll(async () => {
    database = await open();
    setDatabaseForTests(database);
    tree = (await callRoute(treesRoute.POST as RouteHandler, `${base}/api/trees`, { method: "POST", json: { title: "Kept as it is", model: "offline-echo" } })).body!.tree as Tree;
    const created = await callRoute(nodesRoute.POST as RouteHandler, `${base}/api/trees/${tree.id}/nodes`, {
      method: "POST",
      params: { id: tree.id },
      json: { parentId: null, input: "Hello" },
    });
    node = created.body!.node as NodeDetail;
    const other = (await callRoute(treesRoute.POST as RouteHandler, `${base}/api/trees`, { method: "POST", json: { title: "Other" } })).body!.tree as Tree;
    otherTreeNode = (
      await callRoute(nodesRoute.POST as RouteHandler, `${base}/api/trees/${other.id}/nodes`, { method: "POST", params: { id: other.id }, json: { parentId: null, input: "Elsewhere" } })
    ).body!.node as NodeDetail;
  });

  afterAll(async () => {
    await database.close();
  });

  function cases(): Case[] {
    const trees = treesRoute as unknown as Record<string, RouteHandler>;
    const oneTree = treeRoute as unknown as Record<string, RouteHandler>;
    const nodes = nodesRoute as unknown as Record<string, RouteHandler>;
    const oneNode = nodeRoute as unknown as Record<string, RouteHandler>;
    const t = { id: tree.id };
    const n = { id: node.id };
    const createNode = (json: unknown, extra: Partial<RouteCall> = {}): Pick<Case, "handler" | "path" | "call"> => ({
      handler: nodes.POST!,
      path: `/api/trees/${tree.id}/nodes`,
      call: { method: "POST", params: t, json, ...extra },
    });
    const createTree = (call: RouteCall): Pick<Case, "handler" | "path" | "call"> => ({ handler: trees.POST!, path: "/api/trees", call: { method: "POST", ...call } });
    const patchTree = (json: unknown, extra: Partial<RouteCall> = {}): Pick<Case, "handler" | "path" | "call"> => ({
      handler: oneTree.PATCH!,
      path: `/api/trees/${tree.id}`,
      call: { method: "PATCH", params: t, json, ...extra },
    });
    const patchNode = (json: unknown, extra: Partial<RouteCall> = {}): Pick<Case, "handler" | "path" | "call"> => ({
      handler: oneNode.PATCH!,
      path: `/api/nodes/${node.id}`,
      call: { method: "PATCH", params: n, json, ...extra },
    });
    const importData = (call: RouteCall): Pick<Case, "handler" | "path" | "call"> => ({ handler: importRoute.POST as RouteHandler, path: "/api/trees/import", call: { method: "POST", ...call } });
    const repeat = (call: RouteCall): Pick<Case, "handler" | "path" | "call"> => ({ handler: repeatRoute.POST as RouteHandler, path: `/api/nodes/${node.id}/repeat`, call: { method: "POST", params: n, ...call } });
    const compact = (call: RouteCall): Pick<Case, "handler" | "path" | "call"> => ({ handler: compactRoute.POST as RouteHandler, path: `/api/nodes/${node.id}/compact`, call: { method: "POST", params: n, ...call } });
    const exportNode = { id: tree.id, parentId: null, providerId: "offline", model: "offline-echo", input: [], request: null, response: null, responseId: null, status: "completed", error: null, contextMode: "chain", usage: null, ttftMs: null, durationMs: null, costUsd: null, label: null, createdAt: "2025-01-01T00:00:00Z" };
    const anExport = (nodesOf: unknown[]) => ({ format: "arbor.tree", version: 1, tree: { title: "T", providerId: "offline", model: "offline-echo" }, nodes: nodesOf });
    return [
      // Team routes: invites, members, read-only links, budgets, usage, provider keys
      { name: "an invite to become an owner", handler: invitesRoute.POST as RouteHandler, path: "/api/invites", call: { method: "POST", json: { role: "owner" } }, status: 400, code: "bad_request" },
      { name: "an invite with an unknown field", handler: invitesRoute.POST as RouteHandler, path: "/api/invites", call: { method: "POST", json: { role: "member", admin: true } }, status: 400, code: "bad_request" },
      { name: "a member given a made-up role", handler: memberRoute.PATCH as RouteHandler, path: "/api/members/someone", call: { method: "PATCH", params: { userId: "someone" }, json: { role: "king" } }, status: 400, code: "bad_request" },
      { name: "a share that expires at no date", handler: sharesRoute.POST as RouteHandler, path: `/api/trees/${tree.id}/shares`, call: { method: "POST", params: t, json: { expiresAt: "tomorrow" } }, status: 400, code: "bad_request" },
      { name: "a share of another tree's node", handler: sharesRoute.POST as RouteHandler, path: `/api/trees/${tree.id}/shares`, call: { method: "POST", params: t, json: { nodeId: otherTreeNode.id } }, status: 400, code: "bad_request" },
      { name: "a share from another site", handler: sharesRoute.POST as RouteHandler, path: `/api/trees/${tree.id}/shares`, call: { method: "POST", params: t, json: {}, headers: evilOrigin }, status: 403, code: "cross_origin_request" },
      { name: "a link token with odd characters", handler: sharedRoute.GET as RouteHandler, path: "/api/s/not*a*token", call: { params: { token: "not*a*token" } }, status: 404, code: "not_found" },
      { name: "revoking a share that does not exist", handler: shareRoute.DELETE as RouteHandler, path: "/api/shares/missing", call: { method: "DELETE", params: { id: "missing" } }, status: 404, code: "not_found" },
      { name: "a budget without a period", handler: budgetsRoute.PUT as RouteHandler, path: "/api/budgets", call: { method: "PUT", json: { subject: "*", maxCostUsd: 1, maxTokens: null } }, status: 400, code: "bad_request" },
      { name: "a negative budget", handler: budgetsRoute.PUT as RouteHandler, path: "/api/budgets", call: { method: "PUT", json: { subject: "*", period: "day", maxCostUsd: -1, maxTokens: null } }, status: 400, code: "bad_request" },
      { name: "usage over a thousand days", handler: usageRoute.GET as RouteHandler, path: "/api/usage?days=1000", call: {}, status: 400, code: "bad_request" },
      { name: "a provider key that is too short", handler: providerKeyRoute.PUT as RouteHandler, path: "/api/provider-keys/openai", call: { method: "PUT", params: { providerId: "openai" }, json: { apiKey: "short" } }, status: 400, code: "bad_request" },
      // POST /api/trees
      { name: "a tree from a text/plain form post", ...createTree({ body: '{"title":"x"}', headers: { "content-type": "text/plain" } }), status: 415, code: "unsupported_media_type" },
      { name: "a tree from a urlencoded form", ...createTree({ body: "title=x", headers: { "content-type": "application/x-www-form-urlencoded" } }), status: 415, code: "unsupported_media_type" },
      { name: "a tree with no content type", ...createTree({ body: '{"title":"x"}' }), status: 415, code: "unsupported_media_type" },
      { name: "a tree from broken JSON", ...createTree({ body: "{title", headers: { "content-type": "application/json" } }), status: 400, code: "invalid_json" },
      { name: "a tree from an empty body", ...createTree({ body: "", headers: { "content-type": "application/json" } }), status: 400, code: "invalid_json" },
      { name: "a tree from invalid UTF-8", ...createTree({ body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), headers: { "content-type": "application/json" } }), status: 400, code: "invalid_json" },
      { name: "a tree from a JSON array", ...createTree({ json: [] }), status: 400, code: "bad_request" },
      { name: "a tree with an unknown field", ...createTree({ json: { title: "x", owner: "me" } }), status: 400, code: "bad_request" },
      { name: "a tree with an empty title", ...createTree({ json: { title: "  " } }), status: 400, code: "bad_request" },
      { name: "a tree with a 201-character title", ...createTree({ json: { title: "t".repeat(201) } }), status: 400, code: "bad_request" },
      { name: "a tree whose title holds a NUL", ...createTree({ json: { title: "a\u0000b" } }), status: 400, code: "bad_request" },
      { name: "a tree whose key holds a NUL", ...createTree({ json: { "ti\u0000tle": "x" } }), status: 400, code: "bad_request" },
      { name: "a tree of an unknown provider", ...createTree({ json: { providerId: "nowhere" } }), status: 400, code: "bad_request" },
      { name: "a tree of an unknown model", ...createTree({ json: { model: "gpt-99" } }), status: 400, code: "bad_request" },
      { name: "a tree with numeric instructions", ...createTree({ json: { instructions: 42 } }), status: 400, code: "bad_request" },
      { name: "a tree nested 5,000 deep", ...createTree(jsonText(`{"title":"x","instructions":${deep(5000)}}`)), status: 400, code: "bad_request" },
      { name: "a tree posted by another site", ...createTree({ json: { title: "x" }, headers: crossSite }), status: 403, code: "cross_origin_request" },
      { name: "a tree posted from a same-site page", ...createTree({ json: { title: "x" }, headers: { "sec-fetch-site": "same-site" } }), status: 403, code: "cross_origin_request" },
      { name: "a tree posted with a foreign Origin", ...createTree({ json: { title: "x" }, headers: evilOrigin }), status: 403, code: "cross_origin_request" },
      { name: "a tree posted from a sandboxed frame (Origin: null)", ...createTree({ json: { title: "x" }, headers: { origin: "null" } }), status: 403, code: "cross_origin_request" },
      { name: "a tree posted to a rebinding host", ...createTree({ json: { title: "x" }, headers: { host: "evil.example" } }), status: 403, code: "host_not_allowed" },
      { name: "the tree list read through a rebinding host", handler: trees.GET!, path: "/api/trees", call: { headers: { host: "attacker.test:3000" } }, status: 403, code: "host_not_allowed" },
      { name: "the tree list read cross-site", handler: trees.GET!, path: "/api/trees", call: { headers: crossSite }, status: 403, code: "cross_origin_request" },
      { name: "PUT on the tree list", handler: trees.PUT!, path: "/api/trees", call: { method: "PUT", json: {} }, status: 405, code: "method_not_allowed" },
      { name: "DELETE on the tree list", handler: trees.DELETE!, path: "/api/trees", call: { method: "DELETE" }, status: 405, code: "method_not_allowed" },
      // /api/trees/:id
      { name: "a tree id with a slash in it", handler: oneTree.GET!, path: "/api/trees/a%2Fb", call: { params: { id: "a/b" } }, status: 404, code: "not_found" },
      { name: "a tree read in an unknown view", handler: oneTree.GET!, path: `/api/trees/${tree.id}?view=xml`, call: { params: t }, status: 400, code: "bad_request" },
      { name: "an unknown tree", handler: oneTree.GET!, path: "/api/trees/missing", call: { params: { id: "missing" } }, status: 404, code: "not_found" },
      { name: "a rename as text/plain", ...patchTree(undefined, { body: '{"title":"x"}', headers: { "content-type": "text/plain" } }), status: 415, code: "unsupported_media_type" },
      { name: "a rename from broken JSON", ...patchTree(undefined, { body: "{", headers: { "content-type": "application/json" } }), status: 400, code: "invalid_json" },
      { name: "settings with a temperature of 9", ...patchTree({ settings: { params: { temperature: 9 } } }), status: 400, code: "bad_request" },
      { name: "settings whose tools are not a list", ...patchTree({ settings: { tools: "web_search" } }), status: 400, code: "bad_request" },
      { name: "settings with an unknown parameter", ...patchTree({ settings: { params: { seed: 1 } } }), status: 400, code: "bad_request" },
      { name: "a tree moved to an unknown model", ...patchTree({ model: "nope" }), status: 400, code: "bad_request" },
      { name: "a rename from another site", ...patchTree({ title: "pwned" }, { headers: evilOrigin }), status: 403, code: "cross_origin_request" },
      { name: "a rename of an unknown tree", handler: oneTree.PATCH!, path: "/api/trees/missing", call: { method: "PATCH", params: { id: "missing" }, json: { title: "x" } }, status: 404, code: "not_found" },
      { name: "deleting an unknown tree", handler: oneTree.DELETE!, path: "/api/trees/missing", call: { method: "DELETE", params: { id: "missing" } }, status: 404, code: "not_found" },
      { name: "deleting a tree from another site", handler: oneTree.DELETE!, path: `/api/trees/${tree.id}`, call: { method: "DELETE", params: t, headers: crossSite }, status: 403, code: "cross_origin_request" },
      { name: "POST on a tree", handler: oneTree.POST!, path: `/api/trees/${tree.id}`, call: { method: "POST", params: t, json: {} }, status: 405, code: "method_not_allowed" },
      // POST /api/trees/:id/nodes
      { name: "a node whose input holds a NUL", ...createNode({ parentId: null, input: "hi\u0000" }), status: 400, code: "bad_request" },
      { name: "a token count without input", handler: inputTokensRoute.POST as RouteHandler, path: `/api/trees/${tree.id}/input-tokens`, call: { method: "POST", params: t, json: { parentId: null } }, status: 400, code: "bad_request" },
      { name: "a token count in an unknown tree", handler: inputTokensRoute.POST as RouteHandler, path: "/api/trees/nope/input-tokens", call: { method: "POST", params: { id: "nope" }, json: { parentId: null, input: "hi" } }, status: 404, code: "not_found" },
      { name: "a token count from another site", handler: inputTokensRoute.POST as RouteHandler, path: `/api/trees/${tree.id}/input-tokens`, call: { method: "POST", params: t, json: { parentId: null, input: "hi" }, headers: crossSite }, status: 403, code: "cross_origin_request" },
      { name: "a node input nested 3,000 deep", ...createNode(undefined, jsonText(`{"parentId":null,"input":[{"type":"function_call_output","call_id":"c","output":${deep(3000)}}]}`)), status: 400, code: "bad_request" },
      { name: "a node with an unknown content part", ...createNode({ parentId: null, input: [{ type: "message", role: "user", content: [{ type: "bogus" }] }] }), status: 400, code: "bad_request" },
      { name: "a node whose input item is a number", ...createNode({ parentId: null, input: [42] }), status: 400, code: "bad_request" },
      { name: "a node whose input item has no type or role", ...createNode({ parentId: null, input: [{ text: "hi" }] }), status: 400, code: "bad_request" },
      { name: "a function tool with a bad name", ...createNode({ parentId: null, input: "hi", tools: [{ type: "function", name: "get weather!", parameters: { type: "object" } }] }), status: 400, code: "bad_request" },
      { name: "a function tool with an invalid schema", ...createNode({ parentId: null, input: "hi", tools: [{ type: "function", name: "f", parameters: { type: 12 } }] }), status: 400, code: "bad_request" },
      { name: "a function tool whose pattern RE2 cannot run", ...createNode({ parentId: null, input: "hi", tools: [{ type: "function", name: "f", parameters: { type: "object", properties: { a: { type: "string", pattern: "(?=a)" } } } }] }), status: 400, code: "bad_request" },
      { name: "two function tools of one name", ...createNode({ parentId: null, input: "hi", tools: [{ type: "function", name: "f" }, { type: "function", name: "f" }] }), status: 400, code: "bad_request" },
      { name: "a tool without a type", ...createNode({ parentId: null, input: "hi", tools: [{ name: "f" }] }), status: 400, code: "bad_request" },
      { name: "tools that are not a list", ...createNode({ parentId: null, input: "hi", tools: { type: "web_search" } }), status: 400, code: "bad_request" },
      { name: "an unknown parameter", ...createNode({ parentId: null, input: "hi", params: { seed: 7 } }), status: 400, code: "bad_request" },
      { name: "a negative temperature", ...createNode({ parentId: null, input: "hi", params: { temperature: -1 } }), status: 400, code: "bad_request" },
      { name: "zero output tokens", ...createNode({ parentId: null, input: "hi", params: { max_output_tokens: 0 } }), status: 400, code: "bad_request" },
      { name: "an unknown context mode", ...createNode({ parentId: null, input: "hi", contextMode: "telepathy" }), status: 400, code: "bad_request" },
      { name: "chaining on a provider that keeps nothing", ...createNode({ parentId: node.id, input: "hi", providerId: "stateless", contextMode: "chain" }), status: 400, code: "bad_request" },
      { name: "a parent from another tree", ...createNode({ parentId: otherTreeNode.id, input: "hi" }), status: 400, code: "bad_request" },
      { name: "a parent that does not exist", ...createNode({ parentId: "nope", input: "hi" }), status: 404, code: "not_found" },
      { name: "a node in a tree that does not exist", handler: nodes.POST!, path: "/api/trees/missing/nodes", call: { method: "POST", params: { id: "missing" }, json: { parentId: null, input: "hi" } }, status: 404, code: "not_found" },
      { name: "a node from a no-cors text/plain fetch", ...createNode(undefined, { body: '{"parentId":null,"input":"spend the key"}', headers: { "content-type": "text/plain" } }), status: 415, code: "unsupported_media_type" },
      { name: "a node posted by another site", ...createNode({ parentId: null, input: "spend the key" }, { headers: crossSite }), status: 403, code: "cross_origin_request" },
      { name: "a node over the size limit", ...createNode({ parentId: null, input: "x".repeat(30_000) }), status: 413, code: "payload_too_large" },
      { name: "GET on node creation", handler: nodes.GET!, path: `/api/trees/${tree.id}/nodes`, call: { params: t }, status: 405, code: "method_not_allowed" },
      // /api/nodes/:id and its actions
      { name: "an unknown node", handler: oneNode.GET!, path: "/api/nodes/missing", call: { params: { id: "missing" } }, status: 404, code: "not_found" },
      { name: "deleting an unknown node", handler: oneNode.DELETE!, path: "/api/nodes/missing", call: { method: "DELETE", params: { id: "missing" } }, status: 404, code: "not_found" },
      { name: "deleting a node from another site", handler: oneNode.DELETE!, path: `/api/nodes/${node.id}`, call: { method: "DELETE", params: n, headers: evilOrigin }, status: 403, code: "cross_origin_request" },
      { name: "a node patch with nothing in it", ...patchNode({}), status: 400, code: "bad_request" },
      { name: "a node patch that rewrites the input", ...patchNode({ input: "something else" }), status: 400, code: "bad_request" },
      { name: "a node label of 81 characters", ...patchNode({ label: "l".repeat(81) }), status: 400, code: "bad_request" },
      { name: "a node note of 4,001 characters", ...patchNode({ note: "n".repeat(4001) }), status: 400, code: "bad_request" },
      { name: "a star that is a string", ...patchNode({ starred: "yes" }), status: 400, code: "bad_request" },
      { name: "a node label holding a NUL", ...patchNode({ label: "a\u0000b" }), status: 400, code: "bad_request" },
      { name: "a node patch as text/plain", ...patchNode(undefined, { body: '{"starred":true}', headers: { "content-type": "text/plain" } }), status: 415, code: "unsupported_media_type" },
      { name: "a node patch from broken JSON", ...patchNode(undefined, { body: "{", headers: { "content-type": "application/json" } }), status: 400, code: "invalid_json" },
      { name: "a node patch from another site", ...patchNode({ starred: true }, { headers: crossSite }), status: 403, code: "cross_origin_request" },
      { name: "a patch of an unknown node", handler: oneNode.PATCH!, path: "/api/nodes/missing", call: { method: "PATCH", params: { id: "missing" }, json: { starred: true } }, status: 404, code: "not_found" },
      { name: "PUT on a node", handler: oneNode.PUT!, path: `/api/nodes/${node.id}`, call: { method: "PUT", params: n, json: {} }, status: 405, code: "method_not_allowed" },
      { name: "cancelling an unknown node", handler: cancelRoute.POST as RouteHandler, path: "/api/nodes/missing/cancel", call: { method: "POST", params: { id: "missing" } }, status: 404, code: "not_found" },
      { name: "cancelling a finished node", handler: cancelRoute.POST as RouteHandler, path: `/api/nodes/${node.id}/cancel`, call: { method: "POST", params: n }, status: 409, code: "conflict" },
      { name: "cancelling from another site", handler: cancelRoute.POST as RouteHandler, path: `/api/nodes/${node.id}/cancel`, call: { method: "POST", params: n, headers: crossSite }, status: 403, code: "cross_origin_request" },
      { name: "the context of an unknown node", handler: contextRoute.GET as RouteHandler, path: "/api/nodes/missing/context", call: { params: { id: "missing" } }, status: 404, code: "not_found" },
      { name: "events after a word", handler: eventsRoute.GET as RouteHandler, path: `/api/nodes/${node.id}/events?after=abc`, call: { params: n }, status: 400, code: "bad_request" },
      { name: "events after -5", handler: eventsRoute.GET as RouteHandler, path: `/api/nodes/${node.id}/events?after=-5`, call: { params: n }, status: 400, code: "bad_request" },
      { name: "events of an unknown node", handler: eventsRoute.GET as RouteHandler, path: "/api/nodes/missing/events", call: { params: { id: "missing" } }, status: 404, code: "not_found" },
      { name: "repeating an unknown node", handler: repeatRoute.POST as RouteHandler, path: "/api/nodes/missing/repeat", call: { method: "POST", params: { id: "missing" }, json: {} }, status: 404, code: "not_found" },
      { name: "a repeat with an unknown field", ...repeat({ json: { input: "something else" } }), status: 400, code: "bad_request" },
      { name: "a repeat on an unknown model", ...repeat({ json: { model: "gpt-99" } }), status: 400, code: "bad_request" },
      { name: "a repeat as text/plain", ...repeat({ body: "{}", headers: { "content-type": "text/plain" } }), status: 415, code: "unsupported_media_type" },
      { name: "a repeat from another site", ...repeat({ json: {}, headers: evilOrigin }), status: 403, code: "cross_origin_request" },
      { name: "compacting an unknown node", handler: compactRoute.POST as RouteHandler, path: "/api/nodes/missing/compact", call: { method: "POST", params: { id: "missing" }, json: {} }, status: 404, code: "not_found" },
      { name: "a compaction with an unknown field", ...compact({ json: { model: "offline-echo" } }), status: 400, code: "bad_request" },
      { name: "a compaction in an unknown context mode", ...compact({ json: { contextMode: "magic" } }), status: 400, code: "bad_request" },
      { name: "a compaction that is not JSON", ...compact({ body: "{", headers: { "content-type": "application/json" } }), status: 400, code: "invalid_json" },
      { name: "a compaction as text/plain", ...compact({ body: "{}", headers: { "content-type": "text/plain" } }), status: 415, code: "unsupported_media_type" },
      { name: "a compaction from another site", ...compact({ json: {}, headers: evilOrigin }), status: 403, code: "cross_origin_request" },
      { name: "GET on the compact route", handler: compactRoute.GET as RouteHandler, path: `/api/nodes/${node.id}/compact`, call: { params: n }, status: 405, code: "method_not_allowed" },
      // export and import
      { name: "exporting an unknown tree", handler: exportRoute.GET as RouteHandler, path: "/api/trees/missing/export", call: { params: { id: "missing" } }, status: 404, code: "not_found" },
      { name: "exporting a branch of another tree", handler: exportRoute.GET as RouteHandler, path: `/api/trees/${tree.id}/export?branch=${otherTreeNode.id}`, call: { params: t }, status: 404, code: "not_found" },
      { name: "a branch export in an unknown format", handler: exportRoute.GET as RouteHandler, path: `/api/trees/${tree.id}/export?branch=${node.id}&format=docx`, call: { params: t }, status: 400, code: "bad_request" },
      { name: "a script export of a whole tree", handler: exportRoute.GET as RouteHandler, path: `/api/trees/${tree.id}/export?format=python`, call: { params: t }, status: 400, code: "bad_request" },
      { name: "a Markdown export of another tree's node", handler: exportRoute.GET as RouteHandler, path: `/api/trees/${tree.id}/export?branch=${otherTreeNode.id}&format=markdown`, call: { params: t }, status: 404, code: "not_found" },
      { name: "an import as text/plain", ...importData({ body: '{"data":[]}', headers: { "content-type": "text/plain" } }), status: 415, code: "unsupported_media_type" },
      { name: "an empty import", ...importData({ json: {} }), status: 400, code: "bad_request" },
      { name: "an import of an export of an unknown version", ...importData({ json: { data: { ...anExport([]), version: 2 } } }), status: 400, code: "bad_request" },
      { name: "an import of nothing recognisable", ...importData({ json: { data: { hello: "world" } } }), status: 400, code: "bad_request" },
      { name: "an import of a malformed response id", ...importData({ json: { responseId: "not-a-response" } }), status: 400, code: "bad_request" },
      { name: "an import holding a NUL", ...importData({ json: { data: anExport([{ ...exportNode, label: "a\u0000" }]) } }), status: 400, code: "bad_request" },
      { name: "an import whose parent links loop", ...importData({ json: { data: anExport([{ ...exportNode, id: "a", parentId: "b" }, { ...exportNode, id: "b", parentId: "a" }]) } }), status: 400, code: "bad_request" },
      { name: "an import naming a missing parent", ...importData({ json: { data: anExport([{ ...exportNode, id: "a", parentId: "ghost" }]) } }), status: 400, code: "bad_request" },
      { name: "an import from another site", ...importData({ json: { data: [{ type: "message" }] }, headers: crossSite }), status: 403, code: "cross_origin_request" },
      { name: "the example tree asked for by another site", handler: exampleRoute.POST as RouteHandler, path: "/api/trees/example", call: { method: "POST", headers: evilOrigin }, status: 403, code: "cross_origin_request" },
      { name: "GET on the example tree", handler: (exampleRoute as unknown as Record<string, RouteHandler>).GET!, path: "/api/trees/example", call: {}, status: 405, code: "method_not_allowed" },
      // providers, vector stores, uploads
      { name: "POST on the provider list", handler: (providersRoute as unknown as Record<string, RouteHandler>).POST!, path: "/api/providers", call: { method: "POST", json: {} }, status: 405, code: "method_not_allowed" },
      { name: "POST on health", handler: (healthRoute as unknown as Record<string, RouteHandler>).POST!, path: "/api/health", call: { method: "POST" }, status: 405, code: "method_not_allowed" },
      { name: "the stores of an unknown provider", handler: storesRoute.GET as RouteHandler, path: "/api/providers/nowhere/vector_stores", call: { params: { id: "nowhere" } }, status: 404, code: "not_found" },
      { name: "the stores of a provider without file search", handler: storesRoute.GET as RouteHandler, path: "/api/providers/stateless/vector_stores", call: { params: { id: "stateless" } }, status: 400, code: "bad_request" },
      { name: "a store without a name", handler: storesRoute.POST as RouteHandler, path: "/api/providers/offline/vector_stores", call: { method: "POST", params: { id: "offline" }, json: { name: " " } }, status: 400, code: "bad_request" },
      { name: "a store created by another site", handler: storesRoute.POST as RouteHandler, path: "/api/providers/offline/vector_stores", call: { method: "POST", params: { id: "offline" }, json: { name: "x" }, headers: crossSite }, status: 403, code: "cross_origin_request" },
      { name: "a store file without a file id", handler: storeFilesRoute.POST as RouteHandler, path: "/api/providers/offline/vector_stores/vs_1/files", call: { method: "POST", params: { id: "offline", vs: "vs_1" }, json: {} }, status: 400, code: "bad_request" },
      { name: "an upload sent as JSON", handler: filesRoute.POST as RouteHandler, path: "/api/providers/offline/files", call: { method: "POST", params: { id: "offline" }, json: { file: "x" } }, status: 400, code: "bad_request" },
      { name: "an upload without a file field", handler: filesRoute.POST as RouteHandler, path: "/api/providers/offline/files", call: { method: "POST", params: { id: "offline" }, body: form("other", "x") }, status: 400, code: "bad_request" },
      { name: "an upload from another site", handler: filesRoute.POST as RouteHandler, path: "/api/providers/offline/files", call: { method: "POST", params: { id: "offline" }, body: form("file", "x"), headers: crossSite }, status: 403, code: "cross_origin_request" },
      { name: "a fake PDF", handler: filesRoute.POST as RouteHandler, path: "/api/providers/offline/files", call: { method: "POST", params: { id: "offline" }, body: form("file", "<html>not a pdf</html>", "report.pdf") }, status: 400, code: "bad_request" },
      { name: "the event channel of an unknown tree", handler: treeEventsRoute.GET as RouteHandler, path: "/api/trees/missing/events", call: { params: { id: "missing" } }, status: 404, code: "not_found" },
      { name: "a tree's event channel read cross-site", handler: treeEventsRoute.GET as RouteHandler, path: `/api/trees/${tree.id}/events`, call: { params: t, headers: crossSite }, status: 403, code: "cross_origin_request" },
      { name: "POST on a tree's event channel", handler: (treeEventsRoute as unknown as Record<string, RouteHandler>).POST!, path: `/api/trees/${tree.id}/events`, call: { method: "POST", params: t, json: {} }, status: 405, code: "method_not_allowed" },
      { name: "the metrics through a rebinding host", handler: metricsRoute.GET as RouteHandler, path: "/api/metrics", call: { headers: { host: "evil.example" } }, status: 403, code: "host_not_allowed" },
      { name: "DELETE on readiness", handler: (readyRoute as unknown as Record<string, RouteHandler>).DELETE!, path: "/api/ready", call: { method: "DELETE" }, status: 405, code: "method_not_allowed" },
      { name: "a background node that is not stored", ...createNode({ parentId: null, input: "hi", params: { background: true, store: false } }), status: 400, code: "bad_request" },
      // /api/tokens
      { name: "a token without a name", handler: tokensRoute.POST as RouteHandler, path: "/api/tokens", call: { method: "POST", json: {} }, status: 400, code: "bad_request" },
      { name: "a token named with spaces only", handler: tokensRoute.POST as RouteHandler, path: "/api/tokens", call: { method: "POST", json: { name: "   " } }, status: 400, code: "bad_request" },
      { name: "a token with an unknown field", handler: tokensRoute.POST as RouteHandler, path: "/api/tokens", call: { method: "POST", json: { name: "x", scope: "all" } }, status: 400, code: "bad_request" },
      { name: "a token asked for as a form", handler: tokensRoute.POST as RouteHandler, path: "/api/tokens", call: { method: "POST", body: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } }, status: 415, code: "unsupported_media_type" },
      { name: "revoking an unknown token", handler: tokenRoute.DELETE as RouteHandler, path: "/api/tokens/missing", call: { method: "DELETE", params: { id: "missing" } }, status: 404, code: "not_found" },
      { name: "PUT on the tokens", handler: tokensRoute.PUT as RouteHandler, path: "/api/tokens", call: { method: "PUT", json: {} }, status: 405, code: "method_not_allowed" },
      // GET /api/search
      { name: "a search without q", handler: searchRoute.GET as RouteHandler, path: "/api/search", call: {}, status: 400, code: "bad_request" },
      { name: "a search for spaces", handler: searchRoute.GET as RouteHandler, path: "/api/search?q=%20%20", call: {}, status: 400, code: "bad_request" },
      { name: "a search of 201 characters", handler: searchRoute.GET as RouteHandler, path: `/api/search?q=${"q".repeat(201)}`, call: {}, status: 400, code: "bad_request" },
      { name: "a search with a limit of 0", handler: searchRoute.GET as RouteHandler, path: "/api/search?q=x&limit=0", call: {}, status: 400, code: "bad_request" },
      { name: "a search with a word for a limit", handler: searchRoute.GET as RouteHandler, path: "/api/search?q=x&limit=many", call: {}, status: 400, code: "bad_request" },
      { name: "a search read cross-site", handler: searchRoute.GET as RouteHandler, path: "/api/search?q=Hello", call: { headers: crossSite }, status: 403, code: "cross_origin_request" },
      { name: "a search through a rebinding host", handler: searchRoute.GET as RouteHandler, path: "/api/search?q=Hello", call: { headers: { host: "evil.example" } }, status: 403, code: "host_not_allowed" },
      { name: "POST on search", handler: (searchRoute as unknown as Record<string, RouteHandler>).POST!, path: "/api/search", call: { method: "POST", json: { q: "x" } }, status: 405, code: "method_not_allowed" },
      { name: "an unknown API path", handler: unknownApiRoute.GET as RouteHandler, path: "/api/nope", call: {}, status: 404, code: "not_found" },
      // the recording proxy (OpenAI's error shape, whose code is OpenAI's); none of these reaches a provider
      ...proxyCases(),
    ];
  }

  it("answers at least 60 malformed requests with the error shape and a fitting status, changing nothing", async () => {
    const list = cases();
    expect(list.length).toBeGreaterThanOrEqual(60);
    const before = await databaseSnapshot(database.db);
    const answers = [];
    for (const c of list) {
      const answer = await callRoute(c.handler, base + c.path, c.call);
      answers.push({ name: c.name, status: answer.status, code: (answer.body?.error as { code?: unknown } | undefined)?.code, message: typeof (answer.body?.error as { message?: unknown } | undefined)?.message });
      if (answer.status === 405) expect(answer.headers.get("allow"), c.name).toBeTruthy();
    }
    expect(answers).toEqual(list.map((c) => ({ name: c.name, status: c.status, code: c.code, message: "string" })));
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });
});

/** Requests the recording proxy refuses itself, before anything is forwarded or recorded. */
function proxyCases(): Case[] {
  const at = (path: string, call: RouteCall & { method?: string }, status: number, code: string, name: string): Case => ({
    name,
    handler: (proxyRoute as unknown as Record<string, RouteHandler>)[call.method ?? "GET"]!,
    path: `/api/v1/${path}`,
    call: { ...call, params: { path: path.split("/") } as unknown as Record<string, string>, headers: { authorization: "Bearer any", ...call.headers } },
    status,
    code,
  });
  const create = (call: RouteCall, status: number, code: string, name: string) => at("responses", { method: "POST", ...call }, status, code, name);
  return [
    create({ ...jsonText("{not json") }, 400, "invalid_json", "proxy: a create that is not JSON"),
    create({ body: "model=x", headers: { "content-type": "application/x-www-form-urlencoded" } }, 415, "unsupported_media_type", "proxy: a create sent as a form"),
    create({ json: ["a", "list"] }, 400, "invalid_value", "proxy: a create whose body is a list"),
    create({ json: { input: "Hi" } }, 400, "invalid_value", "proxy: a create without a model"),
    create({ json: { model: 42, input: "Hi" } }, 400, "invalid_value", "proxy: a create whose model is a number"),
    create({ json: { model: "offline-echo", input: "Hi", previous_response_id: "" } }, 400, "invalid_value", "proxy: an empty previous_response_id"),
    create({ json: { model: "offline-echo", input: "a\u0000b" } }, 400, "invalid_value", "proxy: a NUL character in the input"),
    create({ ...jsonText(deep(150)) }, 400, "invalid_value", "proxy: JSON nested too deep"),
    create({ json: { model: "offline-echo", input: "x".repeat(500_000) } }, 413, "request_too_large", "proxy: a create over the size limit"),
    create({ json: { model: "m", input: "Hi" }, headers: { "x-arbor-provider": "nowhere" } }, 400, "invalid_value", "proxy: an unknown X-Arbor-Provider"),
    create({ json: { model: "offline-echo", input: "Hi" }, headers: crossSite }, 403, "cross_origin_request", "proxy: a create sent by another site"),
    create({ json: { model: "offline-echo", input: "Hi" }, headers: evilOrigin }, 403, "cross_origin_request", "proxy: a create from another origin"),
    create({ json: { model: "offline-echo", input: "Hi" }, headers: { host: "evil.example" } }, 403, "host_not_allowed", "proxy: a create through a rebinding host"),
    at("models", { method: "POST", json: {} }, 405, "method_not_allowed", "proxy: POST on the model list"),
    at("models/no-such-model", {}, 404, "not_found", "proxy: an unknown model"),
    at("chat/completions", { method: "POST", json: {} }, 404, "not_found", "proxy: a path it does not serve"),
  ];
}

function form(field: string, content: string, filename = "notes.txt"): FormData {
  const data = new FormData();
  data.append(field, new File([content], filename));
  return data;
}
