import { sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";

/** A route handler of app/api, as Next calls it. */
export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type RouteCall = {
  method?: string;
  params?: Record<string, string>;
  /** A JSON body, sent as application/json. */
  json?: unknown;
  /** A raw body (its content type is whatever `headers` say). */
  body?: BodyInit;
  headers?: Record<string, string>;
};

export type RouteAnswer = { status: number; headers: Headers; body: Record<string, unknown> | null; text: string };

/** Call a route handler in process with a Request as a browser or a client would send it. */
export async function callRoute(handler: RouteHandler, url: string, call: RouteCall = {}): Promise<RouteAnswer> {
  const headers = new Headers(call.headers);
  if (call.json !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  const body = call.json !== undefined ? JSON.stringify(call.json) : call.body;
  const request = new Request(url, { method: call.method ?? "GET", headers, body, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);
  const response = await handler(request, { params: Promise.resolve(call.params ?? {}) });
  const text = await response.text();
  let parsed: Record<string, unknown> | null = null;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    parsed = null;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** How many rows each table holds, and a digest of the trees' and nodes' contents: "nothing changed" is equality. */
export async function databaseSnapshot(db: Db): Promise<Record<string, unknown>> {
  const result = await db.execute(sql`
    select
      (select count(*)::int from trees) as trees,
      (select count(*)::int from nodes) as nodes,
      (select count(*)::int from node_events) + (select count(*)::int from node_event_batches) as events,
      (select count(*)::int from offline_responses) as offline_responses,
      (select count(*)::int from offline_files) as offline_files,
      (select count(*)::int from offline_vector_stores) as vector_stores,
      (select coalesce(md5(string_agg(id || title || provider_id || model || coalesce(instructions, '') || settings::text, ',' order by id)), '') from trees) as tree_digest,
      (select coalesce(md5(string_agg(id || status || coalesce(label, '') || coalesce(note, '') || starred::text, ',' order by id)), '') from nodes) as node_digest`);
  return ((result as unknown as { rows: Record<string, unknown>[] }).rows ?? [])[0] ?? {};
}
