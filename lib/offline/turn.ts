/** A `url_citation` annotation: `text.slice(start_index, end_index)` is the sentence the page supports. */
export type UrlCitation = { type: "url_citation"; start_index: number; end_index: number; url: string; title: string };

/** A `file_citation` annotation: `index` is where in the text the cited passage ends. */
export type FileCitation = { type: "file_citation"; file_id: string; filename: string; index: number };
/** A retrieved chunk as `file_search_call.results` lists it. */
export type FileSearchResult = { file_id: string; filename: string; score: number; text: string; attributes: Record<string, unknown> };

/** One thing a model does in a turn, in output order; the engine turns each into an output item and its events. */
export type TurnStep =
  | { type: "reasoning"; summary: string | null; tokens: number; encryptedContent: string | null }
  | { type: "web_search"; query: string; sources: string[] | null }
  | { type: "file_search"; queries: string[]; results: FileSearchResult[] | null }
  | { type: "function_call"; name: string; arguments: string }
  | { type: "code_interpreter"; code: string; logs: string | null }
  | { type: "message"; text: string; annotations: (UrlCitation | FileCitation)[] };

/** What a model answers for one request: its steps, oldest first. */
export type ModelTurn = TurnStep[];

/** A turn made of one plain message. */
export function messageTurn(text: string): ModelTurn {
  return [{ type: "message", text, annotations: [] }];
}

/** The text of a turn's message steps, joined (empty when it only calls tools). */
export function turnText(turn: ModelTurn): string {
  return turn.flatMap((step) => (step.type === "message" ? [step.text] : [])).join("\n\n");
}
