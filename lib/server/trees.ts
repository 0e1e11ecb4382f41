import "server-only";
import { customAlphabet } from "nanoid";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { findTree, insertTree, updateTree } from "@/lib/db/trees";
import { ArborError } from "@/lib/errors";
import { assertModel, getProvider, OFFLINE_PROVIDER_ID } from "@/lib/providers/registry";
import type { Tree } from "@/lib/tree/types";

export const newTreeId = customAlphabet("0123456789abcdefghijklmnopqrstuvwxyz", 12);

/** The title of a tree created without one; its first question replaces it. */
export const UNTITLED_TREE = "Untitled tree";

export const createTreeSchema = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    providerId: z.string().min(1).optional(),
    model: z.string().min(1).optional(),
    instructions: z.string().max(100_000).nullable().optional(),
  })
  .strict();

export const patchTreeSchema = createTreeSchema.extend({
  settings: z.object({ tools: z.array(z.unknown()).optional(), params: z.record(z.string(), z.unknown()).optional() }).optional(),
});

/** Create a tree; the provider and model default to the offline engine's assistant. */
export async function createTree(db: Db, body: z.infer<typeof createTreeSchema>): Promise<Tree> {
  const provider = getProvider(body.providerId ?? OFFLINE_PROVIDER_ID, "bad_request");
  const model = body.model ?? (provider.id === OFFLINE_PROVIDER_ID ? "offline-assistant" : provider.models[0]!);
  assertModel(provider, model);
  return insertTree(db, { id: newTreeId(), title: body.title ?? UNTITLED_TREE, providerId: provider.id, model, instructions: body.instructions ?? null });
}

/** Rename a tree or change its defaults. */
export async function patchTree(db: Db, id: string, body: z.infer<typeof patchTreeSchema>): Promise<Tree> {
  const current = await findTree(db, id);
  if (!current) throw new ArborError("not_found", `No tree with id "${id}"`);
  const provider = getProvider(body.providerId ?? current.providerId, "bad_request");
  const model = body.model ?? (body.providerId && body.providerId !== current.providerId ? provider.models[0]! : current.model);
  assertModel(provider, model);
  const tree = await updateTree(db, id, { ...body, providerId: provider.id, model });
  if (!tree) throw new ArborError("not_found", `No tree with id "${id}"`);
  return tree;
}
