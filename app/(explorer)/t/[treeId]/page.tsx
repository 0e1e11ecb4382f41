import type { Metadata } from "next";
import { Explorer } from "@/components/explorer/explorer";
import { getDb } from "@/lib/server/db/client";
import { findTree } from "@/lib/server/db/trees";

export const dynamic = "force-dynamic";

/** The browser tab names the tree (one light query; the explorer loads the rest in the browser). */
export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const { treeId } = await params;
  if (!/^[a-z0-9]{1,80}$/i.test(treeId)) return { title: "Tree not found" };
  try {
    const tree = await findTree(await getDb(), treeId);
    return { title: tree?.title ?? "Tree not found" };
  } catch (err) {
    console.error("[arbor] could not read the tree for the page title:", err);
    return { title: "Explorer" }; // the page itself shows the error
  }
}

type Props = {
  params: Promise<{ treeId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** `/t/<treeId>?node=<nodeId>`: the graph, inspector and composer of one tree; the URL holds the selection. */
export default async function TreePage({ params, searchParams }: Props) {
  const [{ treeId }, { node }] = await Promise.all([params, searchParams]);
  return <Explorer key={treeId} treeId={treeId} initialNodeId={typeof node === "string" ? node : null} />;
}
