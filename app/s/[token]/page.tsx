import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { SharedExplorer } from "@/components/explorer/shared-explorer";
import { queryKeys } from "@/lib/client/query-keys";
import { ArborError } from "@/lib/contracts/errors";
import type { SharedTree } from "@/lib/contracts/team";
import { pathId } from "@/lib/server/http/body";
import { sharedTree } from "@/lib/server/services/shares";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Shared tree", robots: { index: false } };

type Props = { params: Promise<{ token: string }> };

async function load(token: string): Promise<SharedTree | null> {
  try {
    return await sharedTree(pathId(token, "link"));
  } catch (err) {
    if (err instanceof ArborError && err.code === "not_found") return null;
    throw err;
  }
}

/** `/s/<token>`: a read-only link, open to anyone who has it: the tree (or one branch) in the graph and inspector. */
export default async function SharedTreePage({ params }: Props) {
  const { token } = await params;
  const shared = await load(token);
  if (!shared) {
    return (
      <AuthCard title="This link does not work" subtitle="It was revoked or it expired. Ask whoever sent it for a new one." />
    );
  }
  const client = new QueryClient();
  client.setQueryData(queryKeys.tree(shared.tree.id), { tree: shared.tree, nodes: shared.nodes });
  return (
    <HydrationBoundary state={dehydrate(client)}>
      <SharedExplorer token={token} treeId={shared.tree.id} initialNodeId={shared.share.nodeId} />
    </HydrationBoundary>
  );
}
