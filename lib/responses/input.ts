import { isObject, list, obj, objects, str } from "./json";
import type { InputItem } from "./types";

/** A user's message as one input item: its text (when there is any) and its images (`input_image`, detail auto). */
export function userMessage(text: string, imageUrls: readonly string[] = []): InputItem {
  return {
    type: "message",
    role: "user",
    content: [
      ...(text.trim() ? [{ type: "input_text" as const, text }] : []),
      ...imageUrls.map((url) => ({ type: "input_image" as const, image_url: url, detail: "auto" as const })),
    ],
  };
}

/** The input of a user turn as the API takes it: the text alone, or one message with the text and its images. */
export function userMessageInput(text: string, imageUrls: readonly string[]): string | InputItem[] {
  return imageUrls.length === 0 ? text : [userMessage(text, imageUrls)];
}

/** A node's input as items: a string is one user message. */
export function toInputItems(input: string | readonly InputItem[]): InputItem[] {
  return typeof input === "string" ? [userMessage(input)] : [...input];
}

/** The text a user typed in these input items (user messages only). */
export function inputText(items: readonly unknown[]): string {
  const texts: string[] = [];
  for (const item of objects(items)) {
    if ((item.type !== undefined && item.type !== "message") || item.role !== "user") continue;
    if (typeof item.content === "string") texts.push(item.content);
    for (const part of objects(item.content)) if (part.type === "input_text" && typeof part.text === "string") texts.push(part.text);
  }
  return texts.join("\n");
}

/** The image URLs (http(s) or data URLs) among the input items' `input_image` parts, in order. */
export function inputImages(items: readonly unknown[]): string[] {
  return objects(items)
    .flatMap((item) => objects(item.content))
    .filter((part) => part.type === "input_image" && typeof part.image_url === "string")
    .map((part) => str(part.image_url));
}

/** The `function_call_output` items among the input. */
export function functionOutputs(items: readonly unknown[]): { callId: string; output: unknown }[] {
  return objects(items)
    .filter((item) => item.type === "function_call_output" && typeof item.call_id === "string")
    .map((item) => ({ callId: str(item.call_id), output: item.output }));
}

/** A `function_call` a response asked for. */
export type FunctionCall = { callId: string; name: string; arguments: string };

/** The function calls a response asked for (its `output`'s `function_call` items), in order. */
export function functionCallsOf(response: unknown): FunctionCall[] {
  return objects(obj(response).output)
    .filter((item) => item.type === "function_call" && typeof item.call_id === "string")
    .map((item) => ({ callId: str(item.call_id), name: str(item.name), arguments: str(item.arguments) }));
}

/** The input that answers function calls: one `function_call_output` per call, in the calls' order. */
export function functionOutputsInput(calls: readonly FunctionCall[], outputs: Readonly<Record<string, string>>): InputItem[] {
  return calls.map((call) => ({ type: "function_call_output", call_id: call.callId, output: outputs[call.callId] ?? "" }));
}

/** Whether an input item list is plain JSON objects all the way down (what `isObject` checks at the top). */
export function isItemList(value: unknown): value is InputItem[] {
  return Array.isArray(value) && list(value).every(isObject);
}
