import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { splitForRecording } from "@/lib/server/proxy/recording-copy";

// The recording proxy's copy of a stream: the client gets every byte as it comes, the recorder works only when
// forwarding is quiet. Time is the test's own (fake timers), so "quiet for 20 ms" is exact, not raced.

const frame = (n: number) => new TextEncoder().encode(`event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":${n},"delta":"w${n} "}\n\n`);

/** An upstream body the test feeds chunk by chunk. */
function upstream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  return { body, send: (n: number) => controller.enqueue(frame(n)), end: () => controller.close() };
}

/** Read the client's side to its end in the background; answers the text it got. */
function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return (async () => {
    let text = "";
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) text += decoder.decode(read.value, { stream: true });
    return text;
  })();
}

describe("the recording copy of a proxied stream", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("places the node once forwarding has waited 20 ms for the provider, not at the first short gap", async () => {
    const up = upstream();
    const { toClient, copy } = splitForRecording(up.body);
    const client = readAll(toClient);
    let placed = false;
    void copy.placementTurn().then(() => (placed = true));
    up.send(0);
    await vi.advanceTimersByTimeAsync(10);
    expect(placed).toBe(false);
    await vi.advanceTimersByTimeAsync(15);
    expect(placed).toBe(true);
    up.end();
    await client;
  });

  it("places a stream that pours in without such a gap at 200 ms, while it still comes", async () => {
    const up = upstream();
    const { toClient, copy } = splitForRecording(up.body);
    const client = readAll(toClient);
    let placedAt: number | null = null;
    const started = performance.now();
    void copy.placementTurn().then(() => (placedAt = performance.now() - started));
    for (let n = 0; n < 60; n++) {
      up.send(n);
      await vi.advanceTimersByTimeAsync(5);
    }
    expect(placedAt).not.toBeNull();
    expect(placedAt).toBeGreaterThanOrEqual(200);
    expect(placedAt).toBeLessThan(210);
    up.end();
    await client;
  });

  it("gives the client every byte as sent, and the recorder every event after the end in slices, between other work", async () => {
    vi.useRealTimers();
    const up = upstream();
    const { toClient, copy } = splitForRecording(up.body);
    const client = readAll(toClient);
    // Another client's work in this process: one step per turn of the event loop, counted.
    let turns = 0;
    let spinning = true;
    const spin = () => {
      turns += 1;
      if (spinning) setImmediate(spin);
    };
    const seen: number[] = [];
    const perTurn = new Map<number, number>();
    const recorded = (async () => {
      for await (const event of copy.events()) {
        seen.push((event as unknown as { sequence_number: number }).sequence_number);
        perTurn.set(turns, (perTurn.get(turns) ?? 0) + 1);
      }
    })();
    for (let n = 0; n < 1200; n++) up.send(n);
    up.end();
    spin();
    expect(await client).toBe(Array.from({ length: 1200 }, (_, n) => new TextDecoder().decode(frame(n))).join(""));
    await recorded;
    spinning = false;
    expect(seen).toEqual(Array.from({ length: 1200 }, (_, n) => n));
    // 1,200 events are never worked on in one go: the other client had its turns in between.
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(512);
    expect(perTurn.size).toBeGreaterThanOrEqual(3);
  });
});
