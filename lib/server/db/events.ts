import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import type { NodeEvent } from "@/lib/contracts/nodes";
import type { Db } from "./client";
import { nodeEvents } from "./schema";

/** Append a batch of events of one node. */
export async function appendEvents(db: Db, nodeId: string, events: readonly NodeEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insert(nodeEvents)
    .values(events.map((e) => ({ nodeId, seq: e.seq, type: e.type, data: e.data, atMs: e.atMs })))
    .onConflictDoNothing();
}

/** A node's stored events after `after` (exclusive), in order. */
export async function listEvents(db: Db, nodeId: string, after = -1): Promise<NodeEvent[]> {
  const rows = await db
    .select({ seq: nodeEvents.seq, type: nodeEvents.type, data: nodeEvents.data, atMs: nodeEvents.atMs })
    .from(nodeEvents)
    .where(and(eq(nodeEvents.nodeId, nodeId), gt(nodeEvents.seq, after)))
    .orderBy(asc(nodeEvents.seq));
  return rows;
}
