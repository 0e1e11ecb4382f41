import { customAlphabet } from "nanoid";

// OpenAI ids are a prefix and a long lowercase hex string; ours look the same so nothing downstream special-cases them.
const hex40 = customAlphabet("0123456789abcdef", 40);
const hex32 = customAlphabet("0123456789abcdef", 32);

const itemPrefixes: Record<string, string> = {
  message: "msg",
  function_call: "fc",
  function_call_output: "fco",
  reasoning: "rs",
  web_search_call: "ws",
  file_search_call: "fs",
  code_interpreter_call: "ci",
  compaction: "cmp",
};

/** A fresh `resp_…` id. */
export function newResponseId(): string {
  return `resp_${hex40()}`;
}

/** A fresh item id with the prefix OpenAI uses for that item type (`msg_…` for messages). */
export function newItemId(type: string): string {
  return `${itemPrefixes[type] ?? "item"}_${hex40()}`;
}

/** A fresh `call_…` id, what a function call's output answers. */
export function newCallId(): string {
  return `call_${hex32()}`;
}

/** A fresh `cntr_…` id of the container a code interpreter call "ran" in. */
export function newContainerId(): string {
  return `cntr_${hex32()}`;
}
