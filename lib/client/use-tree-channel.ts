import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { NodeSummary } from "@/lib/contracts/nodes";
import type { TreeDetail } from "@/lib/contracts/trees";
import { queryKeys } from "./query-keys";

/** Someone viewing a tree (the tree channel's `arbor.presence`). */
export type PresentViewer = { userId: string; name: string };

/**
 * Listen to a tree's event channel: who is viewing it, and nodes others add or change (merged into the cached tree;
 * a node not seen yet, or a deletion, reads the tree again).
 */
export function useTreeChannel(treeId: string, enabled: boolean): PresentViewer[] {
  const client = useQueryClient();
  const [viewers, setViewers] = useState<PresentViewer[]>([]);
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource(`/api/trees/${encodeURIComponent(treeId)}/events`);
    const reread = () => void client.invalidateQueries({ queryKey: queryKeys.tree(treeId) });
    source.addEventListener("arbor.presence", (event) => setViewers((JSON.parse(event.data as string) as { viewers: PresentViewer[] }).viewers));
    source.addEventListener("arbor.node", (event) => {
      const { node } = JSON.parse(event.data as string) as { node: NodeSummary };
      const held = client.getQueryData<TreeDetail>(queryKeys.tree(treeId));
      if (!held || !held.nodes.some((n) => n.id === node.id)) return reread();
      client.setQueryData<TreeDetail>(queryKeys.tree(treeId), { ...held, nodes: held.nodes.map((n) => (n.id === node.id ? node : n)) });
    });
    source.addEventListener("arbor.deleted", reread);
    source.addEventListener("arbor.resync", reread);
    return () => source.close();
  }, [client, treeId, enabled]);
  return viewers;
}
