import { ExplorerSkeleton } from "@/components/explorer/explorer-states";

/** Shown while navigating to a tree, before the explorer mounts. */
export default function Loading() {
  return <ExplorerSkeleton />;
}
