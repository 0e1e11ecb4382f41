import "server-only";
import { sql } from "drizzle-orm";
import type { NodeEvent } from "@/lib/contracts/nodes";
import { jsonText } from "@/lib/server/raw-json";
import type { Db } from "./client";
import { nodeEventBatches, nodeEvents } from "./schema";

/**
 * Append a batch of events of one node (consecutive seqs, oldest first) as one row: its events as one JSON text.
 * Saving the same batch again (a retry after an outage) changes nothing.
 */
export async function appendEvents(db: Db, nodeId: string, events: readonly NodeEvent[]): Promise<void> {
  const first = events[0];
  const last = events.at(-1);
  if (!first || !last) return;
  await db
    .insert(nodeEventBatches)
    .values({ nodeId, firstSeq: first.seq, lastSeq: last.seq, events: encodeEvents(events) })
    .onConflictDoNothing();
}

/** A batch as the JSON text `JSON.stringify(events)` would give, each event's data as the text it arrived as. */
function encodeEvents(events: readonly NodeEvent[]): string {
  let text = "[";
  for (const [i, e] of events.entries()) {
    text += `${i === 0 ? "" : ","}{"seq":${e.seq},"type":${JSON.stringify(e.type)},"atMs":${JSON.stringify(e.atMs)},"data":${jsonText(e.data)}}`;
  }
  return `${text}]`;
}

/**
 * A node's stored events after `after` (exclusive), in order: the batches that reach past it, decoded, and any
 * per-event rows saved before batches existed (migration 0011), in one query.
 */
export async function listEvents(db: Db, nodeId: string, after = -1): Promise<NodeEvent[]> {
  const result = await db.execute<{ events: string }>(sql`
    select first_seq as seq, events from ${nodeEventBatches} where node_id = ${nodeId} and last_seq > ${after}
    union all
    select seq, json_build_array(json_build_object('seq', seq, 'type', type, 'atMs', at_ms, 'data', data))::text
    from ${nodeEvents} where node_id = ${nodeId} and seq > ${after}
    order by seq`);
  const rows = (result as unknown as { rows?: { events: string }[] }).rows ?? [];
  const events: NodeEvent[] = [];
  let last = after;
  for (const row of rows) {
    for (const event of JSON.parse(row.events) as NodeEvent[]) {
      // Batches never overlap, but a seq is answered once whatever the rows hold.
      if (event.seq <= last) continue;
      events.push(event);
      last = event.seq;
    }
  }
  return events;
}
