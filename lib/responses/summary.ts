import { isKnownItemType, itemDefinition } from "./items";
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

/** The light columns of a node derived from its input: the preview, the image count, the function calls it answers. */
export function inputColumns(items: readonly unknown[]): { inputPreview: string; inputImageCount: number; answeredCallIds: string[] } {
  const text = inputText(items);
  const outputs = functionOutputs(items);
  const images = inputImages(items);
  return { inputPreview: inputPreviewOf(text, outputs, items), inputImageCount: images.length, answeredCallIds: outputs.map((o) => o.callId) };
}

/** What the graph shows of a node's input items: the user's text, else the tool output it sends, else its item types. */
export function summarizeInput(items: readonly unknown[]): string {
  return inputColumns(items).inputPreview;
}

function inputPreviewOf(text: string, outputs: readonly { output: unknown }[], items: readonly unknown[]): string {
  if (text) return preview(text);
  if (outputs.length > 0) {
    const first = outputs[0]!.output;
    const shown = typeof first === "string" ? first : JSON.stringify(first ?? "");
    return preview(`Tool output${outputs.length > 1 ? `s (${outputs.length})` : ""}: ${shown}`);
  }
  // Other items (an MCP approval answer, a compaction…) by what the registry says of them, else by their type.
  return preview(
    objects(items)
      .map((i) => {
        const type = str(i.type) || "message";
        const said = isKnownItemType(type) ? itemDefinition(type).summarize(i) : "";
        return said ? `${itemDefinition(type).label}: ${said}` : type;
      })
      .join(", "),
  );
}

/** The light columns of a node derived from its Response: the answer's first line, item types, citation count. */
export function outputColumns(response: { output?: unknown } | null | undefined): { outputPreview: string; itemTypes: string[]; citationCount: number } {
  return summarizeOutput(Array.isArray(response?.output) ? response.output : []);
}

/** Every derived column of a node, from its input and (when it has one) its Response. */
export function nodeColumns(input: readonly unknown[], response: { output?: unknown } | null | undefined) {
  return { ...inputColumns(input), ...(response ? outputColumns(response) : {}) };
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
