import "server-only";
import { sql } from "drizzle-orm";
import type { NodeEvent } from "@/lib/contracts/nodes";
import type { JsonObject } from "@/lib/responses/json";
import { jsonText } from "@/lib/server/raw-json";
import { isEmbedded, type Db } from "./client";
import { nodeEventBatches, nodeEvents } from "./schema";

/**
 * Append a batch of events of one node (consecutive seqs, oldest first) as one row: its events as one JSON text
 * (encodeEvents). Saving the same batch again (a retry after an outage) changes nothing.
 */
export async function appendEvents(db: Db, nodeId: string, events: readonly NodeEvent[]): Promise<void> {
  const first = events[0];
  const last = events.at(-1);
  if (!first || !last) return;
  await db
    .insert(nodeEventBatches)
    .values({ nodeId, firstSeq: first.seq, lastSeq: last.seq, events: encodeEvents(events, { compact: isEmbedded(db) }) })
    .onConflictDoNothing();
}

/**
 * A batch as one JSON array. An event is `{seq, type, atMs, data}`, its data the text it arrived as, except a delta
 * whose text is that of the last delta written out in full before it but for its `sequence_number` and `delta`:
 * that one is `[seq, atMs, sequence_number, delta]`. A long answer is thousands of deltas, so a batch is about a
 * tenth of the text (saving it was a fifth of a long stream's CPU, by profile). Read by decodeEvents.
 *
 * Compact rows are written only to the embedded database, which one process owns. On PostgreSQL, instances of the
 * release before this one may share the database while a deploy rolls out (or after a roll back), and they read
 * only full events; this release reads both, and a later one can write compact rows there too.
 */
export function encodeEvents(events: readonly NodeEvent[], { compact: compacting = true } = {}): string {
  let model: DeltaModel | null = null;
  let text = "[";
  for (const [i, e] of events.entries()) {
    const data = jsonText(e.data);
    const compact = compacting && model && isDelta(e) ? compactDelta(model, e, data) : null;
    text += i === 0 ? "" : ",";
    if (compact !== null) {
      text += compact;
      continue;
    }
    text += `{"seq":${e.seq},"type":${JSON.stringify(e.type)},"atMs":${JSON.stringify(e.atMs)},"data":${data}}`;
    if (isDelta(e)) model = deltaModel(e, data);
  }
  return `${text}]`;
}

/**
 * A delta written out in full, cut around its values: the text before its sequence number, between that and its
 * delta, and after (in the order they come in the text), or around its delta alone when it has no sequence number.
 */
type DeltaModel = { type: string; pieces: string[]; seqFirst: boolean | null };

/** An event with a text delta (its data may be anything a provider sent, or null in rows saved long ago). */
function isDelta(e: { data: JsonObject | null }): boolean {
  return typeof e.data?.delta === "string";
}

const SEQ_KEY = `"sequence_number":`;
const DELTA_KEY = `"delta":`;

function deltaModel({ type, data }: NodeEvent, text: string): DeltaModel | null {
  const delta = `${DELTA_KEY}${JSON.stringify(data.delta)}`;
  const d = uniqueIndex(text, delta);
  if (d < 0) return null;
  if (data.sequence_number === undefined) return { type, pieces: [text.slice(0, d + DELTA_KEY.length), text.slice(d + delta.length)], seqFirst: null };
  if (typeof data.sequence_number !== "number") return null;
  const seq = `${SEQ_KEY}${data.sequence_number}`;
  const q = uniqueIndex(text, seq);
  if (q < 0) return null;
  const seqFirst = q < d;
  const [a, aKey, aLength, b, bKey, bLength] = seqFirst
    ? [q, SEQ_KEY.length, seq.length, d, DELTA_KEY.length, delta.length]
    : [d, DELTA_KEY.length, delta.length, q, SEQ_KEY.length, seq.length];
  return { type, pieces: [text.slice(0, a + aKey), text.slice(a + aLength, b + bKey), text.slice(b + bLength)], seqFirst };
}

// Where `part` is in `text`, if it is there once: then it is the top-level key (inside a string its quotes would be
// escaped), and the text is exactly the model's pieces around it.
function uniqueIndex(text: string, part: string): number {
  const at = text.indexOf(part);
  return at >= 0 && text.indexOf(part, at + 1) < 0 ? at : -1;
}

// The compact form of `e` against the model, if its text is exactly the model's with its own two values in.
function compactDelta(model: DeltaModel, e: NodeEvent, text: string): string | null {
  if (e.type !== model.type) return null; // read back, a compact row takes its model's type
  const delta = JSON.stringify(e.data.delta);
  const seq = e.data.sequence_number;
  const [p0 = "", p1 = "", p2 = ""] = model.pieces;
  let expected: string;
  if (model.seqFirst === null) {
    if (seq !== undefined) return null;
    expected = p0 + delta + p1;
  } else {
    if (typeof seq !== "number") return null;
    expected = model.seqFirst ? p0 + seq + p1 + delta + p2 : p0 + delta + p1 + seq + p2;
  }
  return expected === text ? `[${e.seq},${JSON.stringify(e.atMs)},${seq ?? "null"},${delta}]` : null;
}

type CompactEvent = [seq: number, atMs: number, sequenceNumber: number | null, delta: string];

/** The events of a batch's text (batches saved before the compact form have only full events). */
export function decodeEvents(text: string): NodeEvent[] {
  let model: NodeEvent | null = null;
  return (JSON.parse(text) as (NodeEvent | CompactEvent)[]).map((item) => {
    if (!Array.isArray(item)) {
      if (isDelta(item)) model = item;
      return item;
    }
    const [seq, atMs, sequenceNumber, delta] = item;
    if (!model) throw new Error(`a compact event (seq ${seq}) with no full delta before it`);
    // The model's keys in their order, with this event's two values.
    const data: JsonObject = { ...model.data, ...(sequenceNumber === null ? {} : { sequence_number: sequenceNumber }), delta };
    return { seq, type: model.type, atMs, data };
  });
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
    for (const event of decodeEvents(row.events)) {
      // Batches never overlap, but a seq is answered once whatever the rows hold.
      if (event.seq <= last) continue;
      events.push(event);
      last = event.seq;
    }
  }
  return events;
}
