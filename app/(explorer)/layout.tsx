import type { ReactNode } from "react";
import { TreeSidebar } from "@/components/trees/tree-sidebar";
import { pagePrincipal } from "@/lib/server/auth/page";

export const dynamic = "force-dynamic";

/** The explorer's frame: the tree list on the left stays mounted while the main pane changes; signed-in only. */
export default async function ExplorerLayout({ children }: { children: ReactNode }) {
  await pagePrincipal();
  return (
    <div className="flex h-dvh min-h-[600px] min-w-[1024px] overflow-hidden">
      <TreeSidebar />
      <main className="min-w-0 flex-1">{children}</main>
    </div>
  );
}
