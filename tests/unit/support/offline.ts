import OpenAI from "openai";
import { afterAll, beforeAll, expect } from "vitest";
import { openDatabase, setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { resetEnvForTests } from "@/lib/env";
import { handleOfflineRequest } from "@/lib/offline/http/router";
import { parseStreamEvent } from "@/lib/responses/schemas";
import { serve, type Served } from "./http";

/** The offline engine served over real HTTP on an in-memory PGlite, with an openai SDK client pointed at it. */
export type OfflineEngine = { client: OpenAI; url: string; database: Database };

/**
 * One offline engine for the whole test file (unpaced), started before its first test and stopped after its last.
 * The fields are filled in by `beforeAll`; read them inside tests.
 */
export function offlineEngineForThisFile(): OfflineEngine {
  const engine = {} as OfflineEngine;
  let server: Served;
  beforeAll(async () => {
    process.env.ARBOR_OFFLINE_TPS = "0";
    resetEnvForTests();
    engine.database = await openDatabase({ kind: "pglite" });
    setDatabaseForTests(engine.database);
    server = await serve((request) => handleOfflineRequest(request, new URL(request.url).pathname.split("/").filter(Boolean).slice(1)));
    engine.url = server.url;
    engine.client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "test", maxRetries: 0 });
  });
  afterAll(async () => {
    await server.close();
    await engine.database.close();
  });
  return engine;
}

/** A stream event as sent. */
export type StreamedEvent = { type: string; sequence_number: number; [key: string]: unknown };

/**
 * Stream a create request over raw HTTP and return its events, after checking the wire format: `event:` equals the
 * JSON `type`, every event matches the schemas, sequence numbers run from 0, and the stream ends with `[DONE]`.
 */
export async function streamEvents(engine: OfflineEngine, body: Record<string, unknown>): Promise<StreamedEvent[]> {
  const response = await fetch(`${engine.url}/v1/responses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...body, stream: true }),
  });
  const frames = (await response.text()).split("\n\n").filter((f) => f.trim() !== "");
  expect(frames.at(-1)).toBe("data: [DONE]");
  const events = frames.slice(0, -1).map((frame) => {
    const [eventLine, dataLine] = frame.split("\n");
    const event = JSON.parse(dataLine?.replace(/^data: /, "") ?? "") as StreamedEvent;
    parseStreamEvent(event);
    expect(eventLine).toBe(`event: ${event.type}`);
    return event;
  });
  expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
  return events;
}

/** Expect a call to fail with an OpenAI API error of this status, code (null when none) and, if given, param. */
export async function expectApiError(promise: Promise<unknown>, status: number, code: string | null, param?: string) {
  const err: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OpenAI.APIError);
  const apiError = err as InstanceType<typeof OpenAI.APIError>;
  expect(apiError.status).toBe(status);
  expect(apiError.code ?? null).toBe(code);
  if (param !== undefined) expect(apiError.param).toBe(param);
  return apiError;
}
