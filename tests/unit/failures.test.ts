import { describe, expect, it } from "vitest";
import { eventsBeforeEnd, hasPartialAnswer, partialAnswerNote, rateLimitMessage } from "@/lib/client/failures";

describe("rateLimitMessage", () => {
  it("says who is rate limiting and how long to wait, for a 429 only", () => {
    expect(rateLimitMessage({ status: 429, retryAfterSeconds: 1 }, "Offline engine")).toBe("Offline engine is rate limiting; try again in 1 s.");
    expect(rateLimitMessage({ status: 429, retryAfterSeconds: 2.2 }, "OpenAI")).toBe("OpenAI is rate limiting; try again in 3 s.");
    expect(rateLimitMessage({ status: 429 }, "OpenAI")).toBe("OpenAI is rate limiting; try again in a moment.");
    expect(rateLimitMessage({ status: 500, retryAfterSeconds: 1 }, "OpenAI")).toBeNull();
    expect(rateLimitMessage(null, "OpenAI")).toBeNull();
  });
});

describe("partial answers", () => {
  it("are failed or stopped nodes with some text kept", () => {
    expect(hasPartialAnswer({ status: "failed", outputPreview: "I'm offline" })).toBe(true);
    expect(hasPartialAnswer({ status: "cancelled", outputPreview: "Half" })).toBe(true);
    expect(hasPartialAnswer({ status: "failed", outputPreview: "" })).toBe(false);
    expect(hasPartialAnswer({ status: "completed", outputPreview: "All of it" })).toBe(false);
  });

  it("count the events that arrived before the error or terminal event", () => {
    const types = ["response.created", "response.in_progress", "response.output_text.delta", "error", "response.failed"];
    expect(eventsBeforeEnd(types.map((type) => ({ type })))).toBe(3);
    expect(eventsBeforeEnd([{ type: "response.created" }, { type: "response.output_text.delta" }])).toBe(2);
  });

  it("say how the answer ended: a failure, a stop, or a server that stopped", () => {
    expect(partialAnswerNote({ status: "failed", error: { code: "server_error", message: "x" } }, 6)).toBe("Partial answer: the stream failed after 6 events.");
    expect(partialAnswerNote({ status: "cancelled", error: null }, 1)).toBe("Partial answer: stopped after 1 event.");
    expect(partialAnswerNote({ status: "failed", error: { code: "interrupted", message: "x" } }, 9)).toBe("Partial answer: the server stopped after 9 events.");
    expect(partialAnswerNote({ status: "failed", error: null }, undefined)).toBe("Partial answer: the stream failed before the end.");
  });
});
