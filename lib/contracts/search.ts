import { z } from "zod";

/** The query of `GET /api/search`: words to find in tree titles and in nodes' labels, notes, input and output text. */
export const searchQuerySchema = z.object({
  q: z.string().trim().min(1, "q is empty").max(200),
  limit: z.coerce.number().int().min(1).max(100).default(40),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

/** Where a node matched, most telling first. */
export const searchFields = ["label", "note", "input", "output"] as const;
export type SearchField = (typeof searchFields)[number];

/** A piece of text around a match: `before`, the matched words, `after` (each may be cut with an ellipsis). */
export type Snippet = { before: string; match: string; after: string };

/** A tree whose title matched. */
export type TreeHit = { id: string; title: string; updatedAt: string; snippet: Snippet };

/** A node that matched, with the tree it is in and where the match was. */
export type NodeHit = {
  id: string;
  treeId: string;
  treeTitle: string;
  label: string | null;
  starred: boolean;
  inputPreview: string;
  field: SearchField;
  snippet: Snippet;
  createdAt: string;
};

/** `GET /api/search?q=`: matching trees and nodes, best first. */
export type SearchResults = { query: string; trees: TreeHit[]; nodes: NodeHit[] };
