import type { Metadata } from "next";
import { Explorer } from "@/components/explorer/explorer";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Explorer" };

type Props = {
  params: Promise<{ treeId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** `/t/<treeId>?node=<nodeId>`: the graph, inspector and composer of one tree; the URL holds the selection. */
export default async function TreePage({ params, searchParams }: Props) {
  const [{ treeId }, { node }] = await Promise.all([params, searchParams]);
  return <Explorer key={treeId} treeId={treeId} initialNodeId={typeof node === "string" ? node : null} />;
}
