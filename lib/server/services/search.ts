import "server-only";
import type { NodeHit, SearchQuery, SearchResults, TreeHit } from "@/lib/contracts/search";
import { functionOutputs, inputText } from "@/lib/responses/input";
import { outputText } from "@/lib/responses/summary";
import { currentPrincipal } from "@/lib/server/auth/context";
import { getDb } from "@/lib/server/db/client";
import { searchNodeRows, searchTreeRows } from "@/lib/server/db/search";
import { matchNode, queryWords, rankHits, snippetOf } from "@/lib/tree/search";

/** How many candidate nodes the database hands over for each hit asked for (some match only a JSON key). */
const CANDIDATES_PER_HIT = 4;

/** The caller's workspace's trees by title and nodes by label, note, input and output text, each hit with where it matched. */
export async function search({ q, limit }: SearchQuery): Promise<SearchResults> {
  const db = await getDb();
  const words = queryWords(q);
  const { workspaceId } = currentPrincipal();
  const [treeRows, nodeRows] = await Promise.all([searchTreeRows(db, workspaceId, words, limit), searchNodeRows(db, workspaceId, words, limit * CANDIDATES_PER_HIT)]);
  const treeHits: TreeHit[] = treeRows.flatMap((row) => {
    const snippet = snippetOf(row.title, q);
    return snippet ? [{ id: row.id, title: row.title, updatedAt: row.updatedAt.toISOString(), snippet }] : [];
  });
  const nodeHits: NodeHit[] = nodeRows.flatMap((row) => {
    const outputs = functionOutputs(row.input).map((o) => (typeof o.output === "string" ? o.output : JSON.stringify(o.output ?? "")));
    const input = [inputText(row.input), ...outputs].filter(Boolean).join("\n");
    const output = outputText(Array.isArray(row.output) ? row.output : []);
    const matched = matchNode({ label: row.label, note: row.note, input, output }, q);
    if (!matched) return [];
    const { id, treeId, treeTitle, label, starred, inputPreview } = row;
    return [{ id, treeId, treeTitle, label, starred, inputPreview, ...matched, createdAt: row.createdAt.toISOString() }];
  });
  return { query: q, trees: treeHits, nodes: rankHits(nodeHits).slice(0, limit) };
}
