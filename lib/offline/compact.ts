import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { resolveChain } from "./chain";
import { contextTokenCount, isMessage, messageText, type ModelContext } from "./context";
import { decodeCompaction, encodeCompaction, validateCompactionItems, type CompactionSummary } from "./compaction";
import { OfflineApiError } from "./errors";
import { assertOfflineModel, inputSchema, normalizeInput, parseBody, readJsonObject, type Item } from "./request";
import { newItemId, newResponseId, nowSeconds, usageOf } from "./response";
import { estimateTokens } from "./tokens";

/** The body of `POST /responses/compact` (`CompactResponseMethodPublicBody`); other fields are accepted and ignored. */
const compactBodySchema = z.looseObject({
  model: z.string(),
  input: inputSchema.nullish(),
  previous_response_id: z.string().min(1).nullish(),
  instructions: z.string().nullish(),
  prompt_cache_key: z.string().max(64).nullish(),
});

/**
 * `POST /responses/compact`: every user message of the conversation kept verbatim, then one `compaction` item that
 * stands for everything else (assistant messages, tool calls and their outputs, reasoning, earlier compactions).
 */
export async function compactConversation(request: Request): Promise<Response> {
  const body = parseBody(compactBodySchema, await readJsonObject(request));
  assertOfflineModel(body.model);
  if ((body.input === undefined || body.input === null) && !body.previous_response_id) {
    throw new OfflineApiError(400, "Nothing to compact: send `input`, `previous_response_id`, or both.", {
      param: "input",
      code: "missing_required_parameter",
    });
  }
  const chain = body.previous_response_id
    ? await resolveChain(await getDb(), body.previous_response_id)
    : { responseIds: [], items: [] };
  const inputItems = normalizeInput(body.input ?? undefined);
  validateCompactionItems(inputItems);
  const items = [...chain.items, ...inputItems];

  const kept = items.filter((item) => isMessage(item, "user"));
  const folded = summarize(items.filter((item) => !isMessage(item, "user")));
  const compaction = { id: newItemId("compaction"), type: "compaction", encrypted_content: encodeCompaction(folded) };
  const context: ModelContext = {
    items,
    chainItemCount: chain.items.length,
    chainResponseIds: chain.responseIds,
    instructions: body.instructions ?? null,
    tools: [],
  };
  return Response.json({
    id: newResponseId(),
    object: "response.compaction",
    created_at: nowSeconds(),
    output: [...kept, compaction],
    usage: usageOf(contextTokenCount(context), estimateTokens(folded.summary)),
  });
}

const EXCERPT_CHARS = 200;

// One line per folded item, oldest first; an earlier compaction contributes its own summary and count.
function summarize(items: readonly Item[]): CompactionSummary {
  let itemCount = 0;
  const lines: string[] = [];
  for (const item of items) {
    const earlier = decodeCompaction(item);
    if (earlier) {
      itemCount += earlier.itemCount;
      lines.push(...earlier.summary.split("\n").slice(1));
      continue;
    }
    itemCount += 1;
    lines.push(`- ${describeItem(item)}`);
  }
  const header = `Summary of ${itemCount} earlier ${itemCount === 1 ? "item" : "items"} (user messages are kept as they were):`;
  return { summary: [header, ...lines].join("\n"), itemCount };
}

function describeItem(item: Item): string {
  if (item.type === "message") return `${String(item.role)}: ${excerpt(messageText(item))}`;
  if (item.type === "function_call") return `called ${String(item.name)}(${String(item.arguments)})`;
  if (item.type === "function_call_output") {
    return `function output: ${excerpt(typeof item.output === "string" ? item.output : JSON.stringify(item.output))}`;
  }
  return item.type;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat);
}
