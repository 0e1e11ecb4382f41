import { customAlphabet } from "nanoid";
import { getDb } from "@/lib/server/db/client";
import {
  appendConversationItems,
  deleteConversation,
  deleteConversationItem,
  getConversation,
  insertConversation,
  listConversationItems,
  updateConversationMetadata,
} from "@/lib/server/db/offline-conversations";
import type { OfflineConversationRow } from "@/lib/server/db/schema";
import { OfflineApiError } from "../core/errors";
import type { Item } from "../core/types";

// Conversations: a durable list of items. A response created with `conversation` reads its items before its input,
// then its input and output items are appended, so the next response in it sees them.

const id = customAlphabet("0123456789abcdef", 48);

/** The OpenAI `Conversation` object. */
export function conversationObject(row: OfflineConversationRow) {
  return { id: row.id, object: "conversation", created_at: Math.floor(row.createdAt.getTime() / 1000), metadata: row.metadata };
}

/** Create a conversation holding `items` (already normalised, with ids). */
export async function createConversation(items: readonly Item[], metadata: Record<string, string>) {
  const db = await getDb();
  const row = await insertConversation(db, { id: `conv_${id()}`, metadata });
  await appendConversationItems(db, row.id, items);
  return conversationObject(row);
}

/** The conversation with this id, or a 404. */
export async function requireConversation(conversationId: string | undefined): Promise<OfflineConversationRow> {
  const row = conversationId ? await getConversation(await getDb(), conversationId) : undefined;
  if (!row) throw new OfflineApiError(404, `Conversation with id '${conversationId ?? ""}' not found.`, { param: "conversation_id" });
  return row;
}

export async function changeConversationMetadata(conversationId: string | undefined, metadata: Record<string, string>) {
  const row = await requireConversation(conversationId);
  return conversationObject((await updateConversationMetadata(await getDb(), row.id, metadata)) ?? row);
}

export async function removeConversation(conversationId: string | undefined) {
  const row = await requireConversation(conversationId);
  await deleteConversation(await getDb(), row.id);
  return { id: row.id, object: "conversation.deleted", deleted: true };
}

/** The items of a conversation, oldest first. */
export async function conversationItems(conversationId: string | undefined): Promise<Item[]> {
  const row = await requireConversation(conversationId);
  return (await listConversationItems(await getDb(), row.id)) as Item[];
}

/** Add items at the end of a conversation. */
export async function addConversationItems(conversationId: string | undefined, items: readonly Item[]): Promise<void> {
  const row = await requireConversation(conversationId);
  await appendConversationItems(await getDb(), row.id, items);
}

/** One item of a conversation, or a 404. */
export async function conversationItem(conversationId: string | undefined, itemId: string | undefined): Promise<Item> {
  const item = (await conversationItems(conversationId)).find((i) => i.id === itemId);
  if (!item) throw new OfflineApiError(404, `Item with id '${itemId ?? ""}' not found in conversation '${conversationId ?? ""}'.`, { param: "item_id" });
  return item;
}

/** Delete one item (a 404 when it is not there); answers the conversation. */
export async function removeConversationItem(conversationId: string | undefined, itemId: string | undefined) {
  const row = await requireConversation(conversationId);
  if (!itemId || !(await deleteConversationItem(await getDb(), row.id, itemId))) {
    throw new OfflineApiError(404, `Item with id '${itemId ?? ""}' not found in conversation '${row.id}'.`, { param: "item_id" });
  }
  return conversationObject(row);
}
