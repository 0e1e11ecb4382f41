import "server-only";
import { APIError } from "openai";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { insertNode } from "@/lib/db/nodes";
import { contextModes, nodeStatuses, type NewNodeRow, type NodeStatus } from "@/lib/db/schema";
import { insertTree } from "@/lib/db/trees";
import { ArborError } from "@/lib/errors";
import { clientFor, getProvider, OFFLINE_PROVIDER_ID, type Provider } from "@/lib/providers/registry";
import { inputImages, summarizeInput, summarizeOutput } from "@/lib/responses/summary";
import type { Tree } from "@/lib/tree/types";
import { newNodeId } from "./nodes";
import { newTreeId } from "./trees";

/** The body of `POST /api/trees/import`: pasted JSON (`data`), or a response id to fetch from a provider. */
export const importSchema = z.union([
  z
    .object({
      responseId: z.string().trim().regex(/^resp_[A-Za-z0-9_-]{1,200}$/, "a response id looks like resp_…"),
      providerId: z.string().min(1).optional(),
      title: z.string().trim().min(1).max(200).optional(),
    })
    .strict(),
  z.object({ data: z.unknown(), providerId: z.string().min(1).optional(), title: z.string().trim().min(1).max(200).optional() }).strict(),
], { error: 'Send {"data": <an Arbor export, a Response or its output array>} or {"responseId": "resp_…", "providerId": "…"}' });
export type ImportInput = z.infer<typeof importSchema>;

const json = z.record(z.string(), z.unknown());
const item = json.refine((i) => typeof i.type === "string", "each item needs a type");

const arborExportSchema = z.object({
  format: z.literal("arbor.tree"),
  version: z.literal(1),
  tree: z.object({ title: z.string(), providerId: z.string(), model: z.string(), instructions: z.string().nullable().optional() }),
  nodes: z.array(
    z.object({
      id: z.string().min(1),
      parentId: z.string().nullable(),
      providerId: z.string(),
      model: z.string(),
      input: z.array(z.unknown()),
      request: json.nullable(),
      response: json.nullable(),
      responseId: z.string().nullable(),
      status: z.enum(nodeStatuses),
      error: z.object({ code: z.string(), message: z.string(), status: z.number().optional() }).nullable(),
      contextMode: z.enum(contextModes),
      contextFallback: z.boolean().optional(),
      store: z.boolean().optional(),
      usage: json.nullable(),
      ttftMs: z.number().nullable(),
      durationMs: z.number().nullable(),
      costUsd: z.number().nullable(),
      label: z.string().nullable(),
      createdAt: z.string().datetime({ offset: true }),
    }),
  ),
});
const responseSchema = json.and(z.object({ id: z.string().min(1), output: z.array(item) }));
const outputArraySchema = z.array(item).min(1);

type Draft = { key: string; parentKey: string | null; values: Omit<NewNodeRow, "id" | "treeId" | "parentId"> };

/** A node row built from a Response object (as a provider returned it) and the input that led to it. */
function draftFromResponse(key: string, parentKey: string | null, response: Record<string, unknown>, input: unknown[], providerId: string): Draft {
  const output = Array.isArray(response.output) ? response.output : [];
  const status = nodeStatuses.includes(response.status as NodeStatus) ? (response.status as NodeStatus) : "completed";
  const error = response.error as { code?: unknown; message?: unknown } | null | undefined;
  return {
    key,
    parentKey,
    values: {
      providerId,
      model: typeof response.model === "string" ? response.model : "unknown",
      input,
      request: null,
      response,
      responseId: typeof response.id === "string" && response.id.startsWith("resp_") ? response.id : null,
      status,
      error: error ? { code: String(error.code ?? "upstream_error"), message: String(error.message ?? "") } : null,
      contextMode: "chain",
      usage: (response.usage as Record<string, unknown> | null | undefined) ?? null,
      inputPreview: summarizeInput(input),
      inputImageCount: inputImages(input).length,
      ...summarizeOutput(output),
    },
  };
}

function draftsFromExport(data: z.infer<typeof arborExportSchema>): Draft[] {
  const ids = new Set(data.nodes.map((n) => n.id));
  for (const n of data.nodes) {
    if (n.parentId !== null && !ids.has(n.parentId)) throw new ArborError("bad_request", `Node "${n.id}" names a parent "${n.parentId}" that is not in the export.`);
  }
  // Parents first, whatever order the file lists them in; a cycle leaves nodes unplaced.
  const placed = new Set<string>();
  const ordered: typeof data.nodes = [];
  let progress = true;
  while (ordered.length < data.nodes.length && progress) {
    progress = false;
    for (const n of data.nodes) {
      if (placed.has(n.id) || (n.parentId !== null && !placed.has(n.parentId))) continue;
      placed.add(n.id);
      ordered.push(n);
      progress = true;
    }
  }
  if (ordered.length < data.nodes.length) throw new ArborError("bad_request", "The export's parent links form a cycle.");
  return ordered.map((n) => {
    const output = Array.isArray(n.response?.output) ? n.response.output : [];
    return {
      key: n.id,
      parentKey: n.parentId,
      values: {
        providerId: n.providerId,
        model: n.model,
        input: n.input,
        request: n.request,
        response: n.response,
        responseId: n.responseId,
        status: n.status === "in_progress" || n.status === "queued" ? "failed" : n.status,
        error: n.error,
        contextMode: n.contextMode,
        contextFallback: n.contextFallback ?? false,
        store: n.store ?? true,
        usage: n.usage,
        ttftMs: n.ttftMs,
        durationMs: n.durationMs,
        costUsd: n.costUsd,
        label: n.label,
        createdAt: new Date(n.createdAt),
        inputPreview: summarizeInput(n.input),
        inputImageCount: inputImages(n.input).length,
        ...summarizeOutput(output),
      },
    };
  });
}

/** Fetch a stored response and the ones it chains to, oldest first (at most `limit`). */
async function fetchChain(provider: Provider, responseId: string, limit = 200): Promise<Draft[]> {
  const client = clientFor(provider);
  const chain: Draft[] = [];
  let cursor: string | null = responseId;
  while (cursor && chain.length < limit) {
    let response: Record<string, unknown>;
    try {
      response = (await client.responses.retrieve(cursor)) as unknown as Record<string, unknown>;
    } catch (err) {
      if (err instanceof APIError && err.status === 404) {
        if (chain.length === 0) throw new ArborError("not_found", `${provider.label} has no stored response "${cursor}".`);
        break; // an older link expired: the oldest one found becomes the root
      }
      throw new ArborError("upstream_error", `${provider.label} could not return "${cursor}": ${err instanceof Error ? err.message : String(err)}`);
    }
    const input: unknown[] = [];
    for await (const entry of client.responses.inputItems.list(cursor, { order: "asc" })) input.push(entry);
    chain.unshift(draftFromResponse(cursor, null, response, input, provider.id));
    cursor = typeof response.previous_response_id === "string" ? response.previous_response_id : null;
  }
  return chain.map((draft, i) => ({ ...draft, parentKey: i === 0 ? null : chain[i - 1]!.key }));
}

function draftsFromData(data: unknown, providerId: string): { drafts: Draft[]; title: string } {
  const asExport = arborExportSchema.safeParse(data);
  if (asExport.success) return { drafts: draftsFromExport(asExport.data), title: `${asExport.data.tree.title} (imported)` };
  if ((data as { format?: unknown } | null)?.format === "arbor.tree") {
    const problem = asExport.error.issues[0];
    throw new ArborError("bad_request", `This Arbor export is not valid: ${problem ? `${problem.path.join(".")}: ${problem.message}` : "unknown problem"}.`);
  }
  const asResponse = responseSchema.safeParse(data);
  if (asResponse.success) return { drafts: [draftFromResponse("r", null, asResponse.data, [], providerId)], title: "Imported response" };
  const asOutput = outputArraySchema.safeParse(data);
  if (asOutput.success) return { drafts: [draftFromResponse("o", null, { output: asOutput.data }, [], providerId)], title: "Imported output" };
  throw new ArborError("bad_request", "Nothing to import: expected an Arbor export, a Response object (with id and output), or an output array.");
}

/** Create a new tree from pasted JSON or a fetched chain of responses; all of it or nothing. */
export async function importTree(db: Db, body: ImportInput): Promise<{ tree: Tree; nodeCount: number }> {
  const provider = getProvider(body.providerId ?? OFFLINE_PROVIDER_ID, "bad_request");
  const { drafts, title } =
    "responseId" in body
      ? { drafts: await fetchChain(provider, body.responseId), title: `Imported ${body.responseId.slice(0, 16)}…` }
      : draftsFromData(body.data, provider.id);
  if (drafts.length === 0) throw new ArborError("bad_request", "The import holds no nodes.");

  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const first = drafts[0]!.values;
    const tree = await insertTree(t, { id: newTreeId(), title: body.title ?? title, providerId: provider.id, model: provider.models.includes(first.model) ? first.model : provider.models[0]! });
    const idFor = new Map<string, string>();
    const start = Date.now();
    for (const [i, draft] of drafts.entries()) {
      const id = newNodeId();
      idFor.set(draft.key, id);
      const parentId = draft.parentKey === null ? null : (idFor.get(draft.parentKey) ?? null);
      await insertNode(t, { createdAt: new Date(start + i), ...draft.values, id, treeId: tree.id, parentId });
    }
    return { tree, nodeCount: drafts.length };
  });
}
