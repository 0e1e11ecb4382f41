import type { JsonObject } from "./reducer";

/** The text of every output_text part of the message items, joined. */
export function outputText(items: readonly unknown[]): string {
  const texts: string[] = [];
  for (const item of items as JsonObject[]) {
    if (item?.type !== "message" || !Array.isArray(item.content)) continue;
    for (const part of item.content as JsonObject[]) {
      if (part?.type === "output_text" && typeof part.text === "string") texts.push(part.text);
      if (part?.type === "refusal" && typeof part.refusal === "string") texts.push(part.refusal);
    }
  }
  return texts.join("\n\n");
}

/** The text a user typed in these input items (user messages only). */
export function inputText(items: readonly unknown[]): string {
  const texts: string[] = [];
  for (const item of items as JsonObject[]) {
    if (!item || (item.type !== undefined && item.type !== "message") || item.role !== "user") continue;
    if (typeof item.content === "string") texts.push(item.content);
    else if (Array.isArray(item.content)) {
      for (const part of item.content as JsonObject[]) {
        if (part?.type === "input_text" && typeof part.text === "string") texts.push(part.text);
      }
    }
  }
  return texts.join("\n");
}

/** A one-line preview, at most `max` characters. */
export function preview(text: string, max = 160): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

const TOOL_OUTPUT_PREVIEW = "Tool output";

/** Whether an input preview is that of a turn that only sends tool output (see `summarizeInput`). */
export function isToolOutputPreview(inputPreview: string): boolean {
  return inputPreview.startsWith(TOOL_OUTPUT_PREVIEW);
}

/** What the graph shows of a node's input items. */
export function summarizeInput(items: readonly unknown[]): string {
  const text = inputText(items);
  if (text) return preview(text);
  const outputs = (items as JsonObject[]).filter((i) => i?.type === "function_call_output");
  if (outputs.length > 0) {
    const first = outputs[0]!.output;
    const shown = typeof first === "string" ? first : JSON.stringify(first ?? "");
    return preview(`${TOOL_OUTPUT_PREVIEW}${outputs.length > 1 ? `s (${outputs.length})` : ""}: ${shown}`);
  }
  const types = (items as JsonObject[]).map((i) => String(i?.type ?? "message"));
  return preview(types.join(", "));
}

/** What the graph shows of a node's output: first line of the answer, item types, citation count. */
export function summarizeOutput(items: readonly unknown[]): { outputPreview: string; itemTypes: string[]; citationCount: number } {
  // Sources, not annotations: a page cited twice counts once, as the answer's numbered source list shows it.
  const sources = new Set<string>();
  const itemTypes: string[] = [];
  for (const item of items as JsonObject[]) {
    const type = String(item?.type ?? "unknown");
    if (!itemTypes.includes(type)) itemTypes.push(type);
    if (type === "message" && Array.isArray(item.content)) {
      for (const part of item.content as JsonObject[]) {
        for (const a of Array.isArray(part?.annotations) ? (part.annotations as JsonObject[]) : []) {
          sources.add(typeof a?.url === "string" ? `url:${a.url}` : typeof a?.file_id === "string" ? `file:${a.file_id}` : JSON.stringify(a));
        }
      }
    }
  }
  return { outputPreview: preview(outputText(items)), itemTypes, citationCount: sources.size };
}

/** The image URLs (http(s) or data URLs) among input items' `input_image` parts, in order. */
export function inputImages(items: readonly unknown[]): string[] {
  const urls: string[] = [];
  for (const item of items as JsonObject[]) {
    if (!item || !Array.isArray(item.content)) continue;
    for (const part of item.content as JsonObject[]) {
      if (part?.type === "input_image" && typeof part.image_url === "string") urls.push(part.image_url);
    }
  }
  return urls;
}
