import "server-only";
import { and, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "./client";
import { nodes, trees } from "./schema";

/** The LIKE pattern of a word, its wildcards taken literally. */
const containing = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Every word somewhere in this text expression. */
const allWordsIn = (expression: AnyPgColumn | SQL, words: readonly string[]): SQL | undefined => and(...words.map((w) => ilike(expression, containing(w))));

/** The workspace's trees whose title holds every word, most recently used first. */
export async function searchTreeRows(db: Db, workspaceId: string, words: readonly string[], limit: number) {
  return db
    .select({ id: trees.id, title: trees.title, updatedAt: trees.updatedAt })
    .from(trees)
    .where(and(eq(trees.workspaceId, workspaceId), allWordsIn(trees.title, words)))
    .orderBy(desc(trees.updatedAt))
    .limit(limit);
}

/**
 * The workspace's nodes that may hold every word in one of their label, note, input or output: the database narrows by text (the
 * input and output JSON read as text, so a word may match a key there); the caller checks the real texts.
 */
export async function searchNodeRows(db: Db, workspaceId: string, words: readonly string[], limit: number) {
  const output = sql`coalesce((${nodes.response}->'output')::text, '')`;
  const input = sql`${nodes.input}::text`;
  return db
    .select({
      id: nodes.id,
      treeId: nodes.treeId,
      treeTitle: trees.title,
      label: nodes.label,
      note: nodes.note,
      starred: nodes.starred,
      inputPreview: nodes.inputPreview,
      input: nodes.input,
      output: sql<unknown>`${nodes.response}->'output'`,
      createdAt: nodes.createdAt,
    })
    .from(nodes)
    .innerJoin(trees, eq(trees.id, nodes.treeId))
    .where(and(eq(trees.workspaceId, workspaceId), or(allWordsIn(nodes.label, words), allWordsIn(nodes.note, words), allWordsIn(input, words), allWordsIn(output, words))))
    .orderBy(desc(nodes.createdAt))
    .limit(limit);
}
