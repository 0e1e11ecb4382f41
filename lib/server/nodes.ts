import "server-only";
import { customAlphabet } from "nanoid";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { findAncestry, insertNode, toDetail } from "@/lib/db/nodes";
import { findTree, updateTree } from "@/lib/db/trees";
import { ArborError } from "@/lib/errors";
import { assertModel, getProvider } from "@/lib/providers/registry";
import { inputImages, inputText, preview, summarizeInput } from "@/lib/responses/summary";
import { planContext, type BranchNode } from "@/lib/tree/context";
import type { NodeDetail } from "@/lib/tree/types";
import { NodeRun, runs } from "./runs";
import { consumeRun } from "./stream-node";
import { UNTITLED_TREE } from "./trees";

export const newNodeId = customAlphabet("0123456789abcdefghijklmnopqrstuvwxyz", 16);

const inputItemSchema = z
  .record(z.string(), z.unknown())
  .refine((item) => typeof item.type === "string" || typeof item.role === "string", "each input item needs a type or a role");

/** Parameters passed through to `responses.create`; unknown keys are refused rather than silently dropped. */
export const nodeParamsSchema = z
  .object({
    temperature: z.number().min(0).max(2),
    top_p: z.number().min(0).max(1),
    max_output_tokens: z.number().int().min(1),
    reasoning: z.object({ effort: z.enum(["none", "minimal", "low", "medium", "high"]).nullable(), summary: z.enum(["auto", "concise", "detailed"]).nullable() }).partial(),
    text: z.record(z.string(), z.unknown()),
    store: z.boolean(),
    metadata: z.record(z.string(), z.string().max(512)),
    parallel_tool_calls: z.boolean(),
    tool_choice: z.union([z.enum(["none", "auto", "required"]), z.record(z.string(), z.unknown())]),
    truncation: z.enum(["auto", "disabled"]),
    include: z.array(z.string()),
    top_logprobs: z.number().int().min(0).max(20),
    user: z.string(),
  })
  .partial()
  .strict();

/** The body of `POST /api/trees/:id/nodes`. */
export const createNodeSchema = z
  .object({
    parentId: z.string().min(1).nullable().default(null),
    input: z.union([
      z.string().refine((s) => s.trim().length > 0, "input is empty"),
      z.array(inputItemSchema).min(1, "input is empty"),
    ]),
    providerId: z.string().min(1).optional(),
    model: z.string().min(1).optional(),
    instructions: z.string().nullable().optional(),
    tools: z.array(z.record(z.string(), z.unknown())).optional(),
    params: nodeParamsSchema.optional(),
    contextMode: z.enum(["auto", "chain", "replay"]).default("auto"),
    label: z.string().max(200).optional(),
  })
  .strict();
export type CreateNodeInput = z.infer<typeof createNodeSchema>;

/** A user's text as the input item the Responses API expects. */
export function textToInput(text: string): unknown[] {
  return [{ type: "message", role: "user", content: [{ type: "input_text", text }] }];
}

function toBranchNode(row: Awaited<ReturnType<typeof findAncestry>>[number]): BranchNode {
  return { id: row.id, providerId: row.providerId, input: row.input, responseId: row.responseId, store: row.store, response: row.response };
}

/**
 * Create a node: validate, save it (in_progress, request included) before calling the provider, then consume the
 * provider's stream in the background. The returned run can be followed; it goes on if nobody follows.
 * `upstreamHeaders` go to the provider with the call but are not part of the saved request (no secrets, no noise).
 */
export async function createNode(
  db: Db,
  treeId: string,
  body: CreateNodeInput,
  options: { upstreamHeaders?: Record<string, string> } = {},
): Promise<{ node: NodeDetail; run: NodeRun }> {
  const tree = await findTree(db, treeId);
  if (!tree) throw new ArborError("not_found", `No tree with id "${treeId}"`);

  let branch: BranchNode[] = [];
  if (body.parentId) {
    const ancestry = await findAncestry(db, body.parentId);
    const parent = ancestry.at(-1);
    if (!parent) throw new ArborError("not_found", `No node with id "${body.parentId}" to continue from`);
    if (parent.treeId !== treeId) throw new ArborError("bad_request", `Node "${body.parentId}" belongs to another tree`);
    branch = ancestry.map(toBranchNode);
  }

  const provider = getProvider(body.providerId ?? tree.providerId, "bad_request");
  const model = body.model ?? (provider.id === tree.providerId ? tree.model : provider.models[0]!);
  assertModel(provider, model);

  const input = typeof body.input === "string" ? textToInput(body.input) : body.input;
  const plan = planContext({ branch, input, requested: body.contextMode, providerId: provider.id, capabilities: provider.capabilities });
  if ("error" in plan) throw new ArborError("bad_request", plan.error);

  const store = body.params?.store ?? true;
  const instructions = body.instructions === undefined ? tree.instructions : body.instructions;
  const request: Record<string, unknown> = {
    model,
    input: plan.input,
    ...(plan.previousResponseId ? { previous_response_id: plan.previousResponseId } : {}),
    ...(instructions ? { instructions } : {}),
    ...(body.tools?.length ? { tools: body.tools } : {}),
    ...body.params,
    store,
    stream: true,
  };

  const row = await insertNode(db, {
    id: newNodeId(),
    treeId,
    parentId: body.parentId,
    providerId: provider.id,
    model,
    input,
    request,
    status: "in_progress",
    contextMode: plan.mode,
    store,
    label: body.label ?? null,
    inputPreview: summarizeInput(input),
    inputImageCount: inputImages(input).length,
  });

  // A tree nobody named yet takes its name from its first question (after the node is safely saved).
  if (body.parentId === null && tree.title === UNTITLED_TREE) {
    const title = preview(inputText(input), 60);
    if (title) await updateTree(db, treeId, { title });
  }

  const node = toDetail(row);
  const run = new NodeRun(row.id, node);
  runs().set(row.id, run);
  const fallback = body.contextMode === "auto" && plan.mode === "chain" && plan.previousResponseId ? { branch, input } : null;
  void consumeRun(db, run, provider, request, fallback, options.upstreamHeaders).finally(() => runs().delete(row.id));
  return { node, run };
}

/** Ask a running node to stop; answers false when it is not running in this process. */
export function cancelNode(id: string): boolean {
  const run = runs().get(id);
  if (!run || run.isFinished) return false;
  run.cancel();
  return true;
}
