import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { unstable_rethrow } from "next/navigation";
import { preload } from "react-dom";
import { Explorer } from "@/components/explorer/explorer";
import { TreeNotFound } from "@/components/explorer/explorer-states";
import { queryKeys } from "@/lib/client/query-keys";
import { packedTreePath } from "@/lib/contracts/tree-wire";
import { ArborError } from "@/lib/contracts/errors";
import type { TreeDetail } from "@/lib/contracts/trees";
import { asPageViewer } from "@/lib/server/auth/page";
import { pathId } from "@/lib/server/http/body";
import { findTreeById, getTree } from "@/lib/server/services/trees";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ treeId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * The tree with its node summaries: null when there is no such tree, "unavailable" when it could not be read (the
 * browser then loads it, and says why if it still fails).
 */
async function loadTree(treeId: string): Promise<TreeDetail | null | "unavailable"> {
  try {
    return await asPageViewer(() => getTree(pathId(treeId, "tree")));
  } catch (err) {
    unstable_rethrow(err); // a redirect to the sign-in page is not a failure
    if (err instanceof ArborError && err.code === "not_found") return null;
    console.error("[arbor] could not read the tree on the server:", err);
    return "unavailable";
  }
}

/** The browser tab names the tree (one light query: the title needs nothing else). */
export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  try {
    const id = pathId((await params).treeId, "tree");
    const tree = await asPageViewer(() => findTreeById(id));
    return { title: tree?.title ?? "Tree not found" };
  } catch (err) {
    unstable_rethrow(err); // a redirect to the sign-in page is not a failure
    if (err instanceof ArborError && err.code === "not_found") return { title: "Tree not found" };
    console.error("[arbor] could not read the tree for the page title:", err);
    return { title: "Explorer" };
  }
}

/**
 * Trees up to this size come inside the page. A bigger one is read by the browser in the packed form: inside the page
 * a 2,000-node tree made the HTML 1.5 MB (its summaries as plain JSON, escaped again), where the packed answer is a
 * quarter of that and arrives in a tenth of a second (tests/bench/large-tree.mjs).
 */
const INLINE_NODES = 500;

/**
 * `/t/<treeId>?node=<nodeId>`: the graph, inspector and composer of one tree; the URL holds the selection. The tree
 * is read here and, unless it is big, handed to the browser's query cache, so the graph paints with the page.
 */
export default async function TreePage({ params, searchParams }: Props) {
  const [{ treeId }, { node }] = await Promise.all([params, searchParams]);
  const loaded = await loadTree(treeId);
  if (loaded === null) return <TreeNotFound treeId={treeId} />;

  const client = new QueryClient();
  if (loaded !== "unavailable" && loaded.nodes.length <= INLINE_NODES) client.setQueryData(queryKeys.tree(treeId), loaded);
  // A big tree is asked for from the page's head, while the scripts load, not once they have run (the browser's
  // query takes the preloaded answer: same URL, same mode).
  else preload(packedTreePath(treeId), { as: "fetch", crossOrigin: "anonymous" });
  // A guided tree (its first step carries a note, as the example tour's do) opens on that first step.
  const firstRoot = loaded === "unavailable" ? undefined : loaded.nodes.find((n) => n.parentId === null);
  const initialNodeId = typeof node === "string" ? node : firstRoot?.note ? firstRoot.id : null;
  return (
    <HydrationBoundary state={dehydrate(client)}>
      <Explorer key={treeId} treeId={treeId} initialNodeId={initialNodeId} />
    </HydrationBoundary>
  );
}
