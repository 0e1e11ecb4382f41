import type { ReactNode } from "react";
import { SkipLink } from "@/components/explorer/skip-link";
import { TreeSidebar } from "@/components/trees/tree-sidebar";
import { pagePrincipal } from "@/lib/server/auth/page";

export const dynamic = "force-dynamic";

/** The explorer's frame: the tree list on the left stays mounted while the main pane changes; signed-in only. Usable from 768 px. */
export default async function ExplorerLayout({ children }: { children: ReactNode }) {
  await pagePrincipal();
  return (
    <div className="flex h-dvh min-h-[600px] min-w-[768px] overflow-hidden">
      <SkipLink />
      <TreeSidebar />
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 outline-none">
        {children}
      </main>
    </div>
  );
}
