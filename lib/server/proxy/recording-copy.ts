import "server-only";
import { createParser } from "eventsource-parser";
import type { ResponseStreamEvent } from "@/lib/responses/types";

// The client's bytes and the recording of them share one process. Forwarding a chunk costs next to nothing; folding
// and saving its events costs far more (parsing, the reducer, database writes). So the recording copy is read at
// low priority: its events are worked on while forwarding waits for the provider (a provider's tokens arrive with
// gaps, so that is almost at once), else in one small slice per BEHIND_WAIT_MS while chunks pour in faster than they
// can be recorded, and what is left once the client has the stream's end, a slice per turn of the event loop (so
// other clients' streams in this process go on meanwhile). A client never waits for the recording, and a client that
// goes away stops nothing: the upstream is read to its end for the recording alone.

/** Forwarding counts as quiet when it has waited this long for the provider's next chunk. */
const QUIET_MS = 3;
/**
 * Placing and inserting the node is one job of 10-30 ms on this thread (PGlite runs here): it waits for a longer
 * quiet, which a model's stream has at once (its first token comes well after `response.created`, the next ones with
 * gaps) and a stream that pours in has not (it is placed at MAX_WAIT_MS, or at its end, instead).
 */
const PLACE_QUIET_MS = 20;
/** While chunks keep coming, the recording still takes a turn this often (the graph stays live under load). */
const MAX_WAIT_MS = 200;
/** How often it takes a turn while it is behind (chunks come faster than it saves them). */
const BEHIND_WAIT_MS = 500;
/** Events worked on per turn while the stream is still coming (one batch of the event writer). */
const SLICE = 64;
/** Events parsed per turn of the event loop once the stream has ended (a few milliseconds of work). */
const ENDED_SLICE = 512;

type Chunk = { bytes: Uint8Array; at: number };

/** A recording copy of an upstream SSE body, read by the recorder at its own pace. */
export class RecordingCopy {
  private chunks: Chunk[] = [];
  private ended = false;
  private failure: unknown = null;
  /** Since when forwarding has been waiting for the provider's next chunk (null while it is not waiting). */
  private waitingSince: number | null = null;
  private lastTurnAt = performance.now();
  private wake: (() => void) | null = null;
  private readonly arrivals = new WeakMap<object, number>();
  private passed = false;
  private markPassedOn: () => void = () => undefined;
  /**
   * Settles once the first chunk has been handed on to the client (or the stream ended first). Placing and inserting
   * the node waits for it: on PGlite a query runs on this thread, and must not hold up the answer's first byte.
   */
  readonly firstChunkPassedOn = new Promise<void>((resolve) => (this.markPassedOn = resolve));

  /** The first chunk is on its way to the client: let the writer take it before the recorder runs (setImmediate). */
  passedOn(): void {
    if (this.passed) return;
    this.passed = true;
    setImmediate(this.markPassedOn);
  }

  /** When the event arrived from upstream (performance.now()), not when it was worked on. */
  arrivalOf(event: object): number | undefined {
    return this.arrivals.get(event);
  }

  /** Forwarding asks the provider for its next chunk (`true`), or has it (`false`). */
  waiting(waiting: boolean): void {
    this.waitingSince = waiting ? performance.now() : null;
  }

  push(bytes: Uint8Array): void {
    this.chunks.push({ bytes, at: performance.now() });
    this.poke();
  }

  /** The upstream has ended; the recorder is woken after this turn, once the client's writer has taken the end. */
  end(failure: unknown = null): void {
    this.ended = true;
    this.failure = failure;
    this.markPassedOn();
    setImmediate(() => this.poke());
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /**
   * Resolves when the recorder may work: the stream ended, it waited MAX_WAIT_MS, or forwarding waits for the provider
   * and the recorder is not behind (a recorder that is behind means chunks come faster than it saves them: it then
   * takes only its timed turns, so it never competes with forwarding for more than a slice per BEHIND_WAIT_MS).
   */
  async turn(behind = false, quietMs = QUIET_MS): Promise<void> {
    for (;;) {
      const now = performance.now();
      const quietFor = this.waitingSince === null || behind ? 0 : now - this.waitingSince;
      const waited = now - this.lastTurnAt;
      const maxWait = behind ? BEHIND_WAIT_MS : MAX_WAIT_MS;
      if (this.ended || quietFor >= quietMs || waited >= maxWait) {
        this.lastTurnAt = now;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.min(behind ? maxWait : quietMs - quietFor, maxWait - waited))));
    }
  }

  /** The turn the node is placed and inserted in: a long quiet, MAX_WAIT_MS, or the stream's end. */
  placementTurn(): Promise<void> {
    return this.turn(false, PLACE_QUIET_MS);
  }

  /** The Responses events of the copy, in order (`[DONE]`, comments and frames that are not JSON skipped). */
  async *events(): AsyncGenerator<ResponseStreamEvent> {
    const decoder = new TextDecoder();
    const parsed: ResponseStreamEvent[] = [];
    let arrivedAt = 0;
    const parser = createParser({
      onEvent: (frame) => {
        if (frame.data === "[DONE]") return;
        let event: unknown;
        try {
          event = JSON.parse(frame.data);
        } catch {
          return;
        }
        if (typeof event !== "object" || event === null || typeof (event as { type?: unknown }).type !== "string") return;
        this.arrivals.set(event, arrivedAt);
        parsed.push(event as ResponseStreamEvent);
      },
    });
    for (;;) {
      if (this.chunks.length === 0 && parsed.length === 0 && !this.ended) await new Promise<void>((resolve) => (this.wake = resolve));
      if (this.ended) await new Promise((resolve) => setImmediate(resolve));
      else await this.turn(parsed.length >= SLICE || this.chunks.length > 1);
      // Parse only what this turn works on.
      const slice = this.ended ? ENDED_SLICE : SLICE;
      while (this.chunks.length > 0 && parsed.length < slice) {
        const chunk = this.chunks.shift()!;
        arrivedAt = chunk.at;
        parser.feed(decoder.decode(chunk.bytes, { stream: true }));
      }
      for (const event of parsed.splice(0, slice)) yield event;
      if (this.ended && this.chunks.length === 0 && parsed.length === 0) {
        if (this.failure) throw this.failure;
        return;
      }
    }
  }
}

/**
 * Split an upstream body into the stream a client is sent (each chunk passed on as it is read, at the client's pace)
 * and a recording copy. When the client goes away, the upstream is read on to its end for the copy.
 */
export function splitForRecording(body: ReadableStream<Uint8Array>): { toClient: ReadableStream<Uint8Array>; copy: RecordingCopy } {
  const copy = new RecordingCopy();
  const reader = body.getReader();
  const read = async (): Promise<Uint8Array | null> => {
    copy.waiting(true);
    try {
      const { done, value } = await reader.read();
      copy.waiting(false);
      if (done) {
        copy.end();
        return null;
      }
      copy.push(value);
      return value;
    } catch (err) {
      copy.waiting(false);
      copy.end(err);
      throw err;
    }
  };
  const toClient = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await read();
      if (chunk === null) return controller.close();
      controller.enqueue(chunk);
      copy.passedOn();
    },
    cancel() {
      // The client went away: the recording reads what is left.
      void (async () => {
        while ((await read().catch(() => null)) !== null);
      })();
    },
  });
  return { toClient, copy };
}
