import { z } from "zod";
import {
  addConversationItems,
  changeConversationMetadata,
  conversationItem,
  conversationItems,
  conversationObject,
  createConversation,
  removeConversation,
  removeConversationItem,
  requireConversation,
} from "../conversations/service";
import { inputSchema } from "../core/request-body";
import { readJsonObject } from "./body";
import { cursorPage } from "./pagination";
import { normalizeInput, parseBody, validateContentParts } from "./request";
import type { Route } from "./route";

// `/conversations` and their items, in OpenAI's shapes (the SDK's `conversations` resource).

const metadataSchema = z.record(z.string().max(64), z.string().max(512));
const itemsSchema = z.array(z.looseObject({})).max(20);
const createSchema = z.object({ items: itemsSchema.nullish(), metadata: metadataSchema.nullish() });
const updateSchema = z.object({ metadata: metadataSchema });
const addItemsSchema = z.object({ items: itemsSchema.min(1) });

/** Items as sent (messages, tool outputs…), checked like a create's input and given ids. */
function readItems(items: unknown[] | null | undefined) {
  const checked = parseBody(z.object({ items: inputSchema }), { items: items ?? [] });
  validateContentParts(checked.items);
  return normalizeInput(checked.items);
}

async function create(request: Request): Promise<Response> {
  const body = parseBody(createSchema, await readJsonObject(request));
  return Response.json(await createConversation(readItems(body.items), body.metadata ?? {}));
}

async function addItems(request: Request, id: string | undefined): Promise<Response> {
  await requireConversation(id);
  const items = readItems(parseBody(addItemsSchema, await readJsonObject(request)).items);
  await addConversationItems(id, items);
  return Response.json({ object: "list", data: items, first_id: items[0]?.id ?? null, last_id: items.at(-1)?.id ?? null, has_more: false });
}

/** The routes of conversations and their items. */
export const conversationRoutes: Route[] = [
  { method: "POST", pattern: ["conversations"], handler: create },
  { method: "GET", pattern: ["conversations", ":id"], handler: async (_, [id]) => Response.json(conversationObject(await requireConversation(id))) },
  {
    method: "POST",
    pattern: ["conversations", ":id"],
    handler: async (request, [id]) => Response.json(await changeConversationMetadata(id, parseBody(updateSchema, await readJsonObject(request)).metadata)),
  },
  { method: "DELETE", pattern: ["conversations", ":id"], handler: async (_, [id]) => Response.json(await removeConversation(id)) },
  { method: "GET", pattern: ["conversations", ":id", "items"], handler: async (request, [id]) => Response.json(cursorPage(request, await conversationItems(id), "item in this conversation")) },
  { method: "POST", pattern: ["conversations", ":id", "items"], handler: (request, [id]) => addItems(request, id) },
  { method: "GET", pattern: ["conversations", ":id", "items", ":id"], handler: async (_, [id, itemId]) => Response.json(await conversationItem(id, itemId)) },
  { method: "DELETE", pattern: ["conversations", ":id", "items", ":id"], handler: async (_, [id, itemId]) => Response.json(await removeConversationItem(id, itemId)) },
];
