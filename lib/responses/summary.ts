import { functionOutputs, inputImages, inputText } from "./input";
import { objects, str } from "./json";

/** The text of every output_text (and refusal) part of the message items, joined. */
export function outputText(items: readonly unknown[]): string {
  const texts: string[] = [];
  for (const item of objects(items)) {
    if (item.type !== "message") continue;
    for (const part of objects(item.content)) {
      if (part.type === "output_text" && typeof part.text === "string") texts.push(part.text);
      if (part.type === "refusal" && typeof part.refusal === "string") texts.push(part.refusal);
    }
  }
  return texts.join("\n\n");
}

/** A one-line preview, at most `max` characters. */
export function preview(text: string, max = 160): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** What the graph shows of a node's input items. */
export function summarizeInput(items: readonly unknown[]): string {
  const text = inputText(items);
  if (text) return preview(text);
  const outputs = functionOutputs(items);
  if (outputs.length > 0) {
    const first = outputs[0]!.output;
    const shown = typeof first === "string" ? first : JSON.stringify(first ?? "");
    return preview(`Tool output${outputs.length > 1 ? `s (${outputs.length})` : ""}: ${shown}`);
  }
  return preview(objects(items).map((i) => str(i.type) || "message").join(", "));
}

/** The light columns of a node derived from its input: the preview, the image count, the function calls it answers. */
export function summarizeInputColumns(items: readonly unknown[]): { inputPreview: string; inputImageCount: number; answeredCallIds: string[] } {
  return { inputPreview: summarizeInput(items), inputImageCount: inputImages(items).length, answeredCallIds: functionOutputs(items).map((o) => o.callId) };
}

/** What the graph shows of a node's output: first line of the answer, item types, citation count. */
export function summarizeOutput(items: readonly unknown[]): { outputPreview: string; itemTypes: string[]; citationCount: number } {
  // Sources, not annotations: a page cited twice counts once, as the answer's numbered source list shows it.
  const sources = new Set<string>();
  const itemTypes: string[] = [];
  for (const item of objects(items)) {
    const type = str(item.type) || "unknown";
    if (!itemTypes.includes(type)) itemTypes.push(type);
    if (type !== "message") continue;
    for (const part of objects(item.content)) {
      for (const a of objects(part.annotations)) {
        sources.add(typeof a.url === "string" ? `url:${a.url}` : typeof a.file_id === "string" ? `file:${a.file_id}` : JSON.stringify(a));
      }
    }
  }
  return { outputPreview: preview(outputText(items)), itemTypes, citationCount: sources.size };
}
