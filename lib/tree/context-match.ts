import { isObject, type JsonObject } from "@/lib/responses/json";

// A client that keeps the conversation itself (store: false, Codex, the Agents SDK without server state) sends the
// whole history as `input` on every call. The recording proxy finds the node that call continues: the node whose
// full context (its branch's inputs and outputs) is the longest prefix of what was sent. Clients do not send items
// back byte for byte (ids dropped, text parts reshaped, `item_reference`s in place of items), so items are compared
// by what they mean, not by their JSON.

/** A node as matching reads it: its place in the tree, this turn's input and its output items. */
export type MatchableNode = { id: string; parentId: string | null; input: readonly unknown[]; output: readonly unknown[] };

/** The node a replayed history continues, and how many of the sent items its context covers. */
export type ContextMatch = { parentId: string | null; matched: number };

/**
 * The node whose whole context is the longest prefix of `sent` (leaving at least one new item), or no parent when
 * none is; ties go to the node created last (the later of two identical branches).
 */
export function findLongestContextPrefix(nodes: readonly MatchableNode[], sent: readonly unknown[]): ContextMatch {
  const children = new Map<string | null, MatchableNode[]>();
  for (const node of nodes) {
    const list = children.get(node.parentId) ?? [];
    list.push(node);
    children.set(node.parentId, list);
  }
  let best: ContextMatch = { parentId: null, matched: 0 };
  const stack: [string | null, number][] = [[null, 0]];
  while (stack.length > 0) {
    const [parentId, offset] = stack.pop()!;
    for (const child of children.get(parentId) ?? []) {
      const end = matchItems([...child.input, ...child.output], sent, offset);
      if (end === null || end >= sent.length) continue;
      if (end > best.matched || (end === best.matched && best.parentId !== null)) best = { parentId: child.id, matched: end };
      stack.push([child.id, end]);
    }
  }
  return best;
}

/**
 * Match a node's items against `sent` from `offset`: where the match ends, or null when an item differs. A stored
 * reasoning item the client left out is skipped (clients drop reasoning they cannot send back).
 */
function matchItems(stored: readonly unknown[], sent: readonly unknown[], offset: number): number | null {
  let at = offset;
  for (const item of stored) {
    if (at < sent.length && sameItem(item, sent[at])) at++;
    else if (!isOptional(item)) return null;
  }
  return at;
}

function isOptional(item: unknown): boolean {
  return isObject(item) && item.type === "reasoning";
}

/** Whether a sent item is the stored one, as clients send items back. */
export function sameItem(stored: unknown, sent: unknown): boolean {
  if (!isObject(stored) || !isObject(sent)) return false;
  if (sent.type === "item_reference") return typeof sent.id === "string" && stored.id === sent.id;
  const kind = kindOf(stored);
  if (kind !== kindOf(sent)) return false;
  switch (kind) {
    case "message":
      return roleOf(stored) === roleOf(sent) && messageText(stored) === messageText(sent);
    case "function_call":
    case "custom_tool_call":
      return stored.call_id === sent.call_id && stored.name === sent.name;
    case "function_call_output":
    case "custom_tool_call_output":
      return stored.call_id === sent.call_id && canonical(stored.output) === canonical(sent.output);
    case "reasoning":
      if (typeof stored.encrypted_content === "string" && typeof sent.encrypted_content === "string") return stored.encrypted_content === sent.encrypted_content;
      if (typeof stored.id === "string" && typeof sent.id === "string") return stored.id === sent.id;
      return canonical(stored.summary) === canonical(sent.summary);
    default:
      if (typeof stored.id === "string" && typeof sent.id === "string") return stored.id === sent.id;
      if (typeof stored.call_id === "string" || typeof sent.call_id === "string") return stored.call_id === sent.call_id;
      return canonical(withoutVolatile(stored)) === canonical(withoutVolatile(sent));
  }
}

function kindOf(item: JsonObject): string {
  return typeof item.type === "string" ? item.type : typeof item.role === "string" ? "message" : "";
}

// A system message and a developer message say the same to the model; clients convert one into the other.
function roleOf(item: JsonObject): string {
  return item.role === "system" ? "developer" : String(item.role ?? "");
}

/** A message's content as one comparable string: its texts, images and files in order. */
function messageText(item: JsonObject): string {
  const { content } = item;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => {
      if (typeof part === "string") return part;
      if (!isObject(part)) return "";
      if (typeof part.text === "string") return part.text;
      if (typeof part.refusal === "string") return part.refusal;
      return canonical(part.image_url ?? part.file_id ?? part.file_url ?? part.file_data ?? part.type);
    })
    .join("");
}

// Fields that change between a stored item and the same item sent back (status) are left out of a comparison.
function withoutVolatile(item: JsonObject): JsonObject {
  const { status: _status, id: _id, ...rest } = item;
  return rest;
}

/** JSON with keys sorted, so two objects that differ only in key order compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    isObject(v) && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
