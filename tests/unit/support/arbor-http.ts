import { afterAll, beforeAll } from "vitest";
import * as v1Route from "@/app/api/v1/[...path]/route";
import * as nodeRoute from "@/app/api/nodes/[id]/route";
import * as cancelRoute from "@/app/api/nodes/[id]/cancel/route";
import * as eventsRoute from "@/app/api/nodes/[id]/events/route";
import * as treeRoute from "@/app/api/trees/[id]/route";
import * as treesRoute from "@/app/api/trees/route";
import type { NodeDetail, NodeEvent, NodeSummary } from "@/lib/contracts/nodes";
import type { Tree, TreeListItem } from "@/lib/contracts/trees";
import { resetEnvForTests } from "@/lib/env";
import { handleOfflineRequest } from "@/lib/offline/http/router";
import { openDatabase, setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { serve, type Served } from "./http";

/**
 * Arbor over real HTTP on a loopback port, on an in-memory PGlite: the recording proxy (/api/v1), the offline engine
 * as its upstream (/api/offline/v1), and the API routes a test reads the recorded graph with. The same route
 * handlers `next start` serves.
 */
export type ArborHttp = {
  url: string;
  /** The proxy's base URL, as a client is configured with it. */
  baseURL: string;
  database: Database;
  trees: () => Promise<TreeListItem[]>;
  tree: (id: string) => Promise<{ tree: Tree; nodes: NodeSummary[] }>;
  node: (id: string) => Promise<NodeDetail>;
  events: (id: string) => Promise<NodeEvent[]>;
  /** Wait until the tree has `atLeast` nodes and none of them runs any more, and answer its nodes. */
  settled: (treeId: string, atLeast?: number) => Promise<NodeSummary[]>;
  /** Wait for the tree with this title (the proxy makes it as it records a call, just after answering it). */
  treeTitled: (title: string) => Promise<TreeListItem>;
};

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

function routeOf(module: Record<string, unknown>, method: string): Handler | null {
  const handler = module[method];
  return typeof handler === "function" ? (handler as Handler) : null;
}

/**
 * One Arbor for the enclosing describe block (or the whole file), started before its first test and stopped after its
 * last, on the database `open` gives (an in-memory PGlite unless told otherwise).
 */
export function arborOverHttpForThisFile(env: Record<string, string> = {}, open: () => Promise<Database> = () => openDatabase({ kind: "pglite" })): ArborHttp {
  const arbor = {} as ArborHttp;
  let server: Served;
  beforeAll(async () => {
    arbor.database = await open();
    setDatabaseForTests(arbor.database);
    server = await serve(async (request) => {
      const segments = new URL(request.url).pathname.split("/").filter(Boolean);
      const [api, first, second, third, fourth] = segments;
      const call = (module: Record<string, unknown>, params: Record<string, string | string[]>) => {
        const handler = routeOf(module, request.method);
        return handler ? handler(request, { params: Promise.resolve(params) }) : Promise.resolve(new Response("no such method", { status: 405 }));
      };
      if (api === "api" && first === "offline" && second === "v1") return handleOfflineRequest(request, segments.slice(3));
      if (api === "api" && first === "v1") return call(v1Route, { path: segments.slice(2) });
      if (api === "api" && first === "trees" && !second) return call(treesRoute, {});
      if (api === "api" && first === "trees" && second && !third) return call(treeRoute, { id: second });
      if (api === "api" && first === "nodes" && second && third === "events" && !fourth) return call(eventsRoute, { id: second });
      if (api === "api" && first === "nodes" && second && third === "cancel" && !fourth) return call(cancelRoute, { id: second });
      if (api === "api" && first === "nodes" && second && !third) return call(nodeRoute, { id: second });
      return new Response("not served in this test", { status: 404 });
    });
    process.env.ARBOR_OFFLINE_BASE_URL = `${server.url}/api/offline/v1`;
    process.env.ARBOR_OFFLINE_TPS = "0";
    for (const [key, value] of Object.entries(env)) process.env[key] = value;
    resetEnvForTests();
    arbor.url = server.url;
    arbor.baseURL = `${server.url}/api/v1`;
  });
  afterAll(async () => {
    await server.close();
    await arbor.database.close();
  });
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${arbor.url}${path}`);
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  arbor.trees = async () => (await get<{ trees: TreeListItem[] }>("/api/trees")).trees;
  arbor.tree = (id) => get(`/api/trees/${id}`);
  arbor.node = async (id) => (await get<{ node: NodeDetail }>(`/api/nodes/${id}`)).node;
  arbor.events = async (id) => (await get<{ events: NodeEvent[] }>(`/api/nodes/${id}/events`)).events;
  arbor.settled = async (treeId, atLeast = 1) => {
    for (let i = 0; i < 400; i++) {
      const { nodes } = await arbor.tree(treeId);
      if (nodes.length >= atLeast && nodes.every((n) => n.status !== "in_progress" && n.status !== "queued")) return nodes;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`tree ${treeId} never settled`);
  };
  arbor.treeTitled = async (title) => {
    for (let i = 0; i < 400; i++) {
      const tree = (await arbor.trees()).find((t) => t.title === title);
      if (tree) return tree;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no tree "${title}"`);
  };
  return arbor;
}
