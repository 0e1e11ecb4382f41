import { z } from "zod";
import { nodeParamsSchema, toolSchema, type NodeSummary } from "./nodes";

/** What a tree remembers for its next node: the composer's tools and parameters. */
export const treeSettingsSchema = z.object({
  tools: z.array(toolSchema).max(128).optional(),
  params: nodeParamsSchema.optional(),
});
export type TreeSettings = z.infer<typeof treeSettingsSchema>;

const titleSchema = z.string().trim().min(1).max(200);

/** The body of `POST /api/trees`. */
export const createTreeSchema = z
  .object({
    title: titleSchema.optional(),
    providerId: z.string().min(1).max(64).optional(),
    model: z.string().min(1).max(200).optional(),
    instructions: z.string().max(100_000).nullable().optional(),
    /** The tools and parameters its composer starts with (a new tree's first message may set them). */
    settings: treeSettingsSchema.optional(),
  })
  .strict();
export type CreateTreeBody = z.input<typeof createTreeSchema>;
export type CreateTreeInput = z.output<typeof createTreeSchema>;

/** The query of `GET /api/trees/:id`: `view=packed` for the compact form (lib/contracts/tree-wire.ts). */
export const treeViewQuerySchema = z.object({ view: z.enum(["plain", "packed"]).default("plain") });

/** The body of `PATCH /api/trees/:id`: any of the fields above, the settings the composer remembers among them. */
export const patchTreeSchema = createTreeSchema;
export type PatchTreeBody = z.input<typeof patchTreeSchema>;
export type PatchTreeInput = z.output<typeof patchTreeSchema>;

/** A tree as the API answers it. */
export const treeSchema = z.object({
  id: z.string(),
  title: z.string(),
  providerId: z.string(),
  model: z.string(),
  instructions: z.string().nullable(),
  settings: treeSettingsSchema,
  /** "proxy" when the recording proxy made the tree for a client's calls. */
  source: z.string().nullable(),
  /** The client a captured tree records ("Codex", "openai-node"…). */
  clientName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Tree = z.infer<typeof treeSchema>;

/** A tree in the list, with its node count. */
export type TreeListItem = Tree & { nodeCount: number };

/** Someone who made nodes of a tree, for the initials on their cards. */
export type TreePerson = { id: string; name: string };

/** `GET /api/trees/:id`: a tree, the summaries of all its nodes, and the names of the people who made them. */
export type TreeDetail = { tree: Tree; nodes: NodeSummary[]; people?: TreePerson[] };

/** The title of a tree created without one; its first question replaces it. */
export const UNTITLED_TREE = "Untitled tree";
