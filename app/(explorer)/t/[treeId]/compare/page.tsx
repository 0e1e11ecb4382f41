import type { Metadata } from "next";
import { CompareView } from "@/components/compare/compare-view";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Compare" };

type Props = {
  params: Promise<{ treeId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** `/t/<treeId>/compare?a=<nodeId>&b=<nodeId>`: two nodes side by side. */
export default async function ComparePage({ params, searchParams }: Props) {
  const [{ treeId }, { a, b }] = await Promise.all([params, searchParams]);
  return <CompareView key={treeId} treeId={treeId} initialA={typeof a === "string" ? a : null} initialB={typeof b === "string" ? b : null} />;
}
