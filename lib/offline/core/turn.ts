import type { JsonObject } from "@/lib/responses/json";

/** A `url_citation` annotation: `text.slice(start_index, end_index)` is the sentence the page supports. */
export type UrlCitation = { type: "url_citation"; start_index: number; end_index: number; url: string; title: string };

/** A `file_citation` annotation: `index` is where in the text the cited passage ends. */
export type FileCitation = { type: "file_citation"; file_id: string; filename: string; index: number };

/** A retrieved chunk as `file_search_call.results` lists it. */
export type FileSearchResult = { file_id: string; filename: string; score: number; text: string; attributes: JsonObject };

/** One thing a model does in a turn, in output order; the engine turns each into an output item and its events. */
export type TurnStep =
  | { type: "reasoning"; summary: string | null; tokens: number; encryptedContent: string | null }
  | { type: "web_search"; query: string; sources: string[] | null }
  | { type: "file_search"; queries: string[]; results: FileSearchResult[] | null }
  | { type: "function_call"; name: string; arguments: string }
  | { type: "code_interpreter"; code: string; logs: string | null }
  | MessageStep;

/** A message step: its text and the citations that span parts of it. */
export type MessageStep = { type: "message"; text: string; annotations: (UrlCitation | FileCitation)[] };

/** What a model answers for one request: its steps, oldest first. */
export type ModelTurn = TurnStep[];

/** A message step without citations. */
export function messageStep(text: string): MessageStep {
  return { type: "message", text, annotations: [] };
}
