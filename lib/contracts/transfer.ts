import { z } from "zod";
import { isObject } from "@/lib/responses/json";
import type { InputItem } from "@/lib/responses/types";
import { contextModes, nodeDetailSchema, nodeStatuses } from "./nodes";
import { treeSettingsSchema } from "./trees";

/** One node of an Arbor export: what it takes to rebuild it (fields added later are optional, so old files import). */
export const exportedNodeSchema = nodeDetailSchema
  .pick({ id: true, parentId: true, providerId: true, model: true, request: true, response: true, responseId: true, error: true, usage: true, ttftMs: true, durationMs: true, costUsd: true, label: true })
  .extend({
    id: z.string().min(1),
    input: z.array(z.custom<InputItem>(isObject, "each input item must be an object")),
    status: z.enum(nodeStatuses),
    contextMode: z.enum(contextModes),
    contextFallback: z.boolean().optional(),
    store: z.boolean().optional(),
    note: z.string().max(4000).nullable().optional(),
    starred: z.boolean().optional(),
    /** A compacted root's source node, by its id in the same export. */
    compactedFrom: z.string().nullable().optional(),
    createdAt: z.string().datetime({ offset: true }),
  });
export type ExportedNode = z.infer<typeof exportedNodeSchema>;

/** An Arbor export: a whole tree (or one branch of it) as one JSON document that Arbor imports again. */
export const treeExportSchema = z.object({
  format: z.literal("arbor.tree"),
  version: z.literal(1),
  exportedAt: z.string().optional(),
  tree: z.object({
    title: z.string(),
    providerId: z.string(),
    model: z.string(),
    instructions: z.string().nullable().optional(),
    settings: treeSettingsSchema.optional(),
  }),
  nodes: z.array(exportedNodeSchema),
});
export type TreeExport = z.input<typeof treeExportSchema>;

const titleSchema = z.string().trim().min(1).max(200);

/** A pasted body sent as it is (an Arbor export, a Response, an output array), without the `{data}` wrapper. */
function wrapBarePaste(body: unknown): unknown {
  if (Array.isArray(body)) return { data: body };
  if (typeof body !== "object" || body === null) return body;
  const fields = body as Record<string, unknown>;
  const bare = fields.format === "arbor.tree" || Array.isArray(fields.output);
  return bare ? { data: body } : body;
}

/**
 * The body of `POST /api/trees/import`: pasted JSON (`{data}`, or the export, Response or output array itself), a
 * response id to fetch from a provider with its chain, or a conversation id whose items become a branch.
 */
export const importBodySchema = z.preprocess(
  wrapBarePaste,
  z.union(
    [
      z
        .object({
          responseId: z.string().trim().regex(/^resp_[A-Za-z0-9_-]{1,200}$/, "a response id looks like resp_…"),
          providerId: z.string().min(1).max(64).optional(),
          title: titleSchema.optional(),
        })
        .strict(),
      z
        .object({
          conversationId: z.string().trim().regex(/^conv_[A-Za-z0-9_-]{1,200}$/, "a conversation id looks like conv_…"),
          providerId: z.string().min(1).max(64).optional(),
          title: titleSchema.optional(),
        })
        .strict(),
      z.object({ data: z.unknown(), providerId: z.string().min(1).max(64).optional(), title: titleSchema.optional() }).strict(),
    ],
    { error: 'Send an Arbor export, a Response or its output array (as it is, or as {"data": …}), or {"responseId": "resp_…", "providerId": "…"} or {"conversationId": "conv_…", "providerId": "…"}' },
  ),
);
export type ImportBody = z.output<typeof importBodySchema>;
