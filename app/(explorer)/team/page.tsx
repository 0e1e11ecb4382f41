import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/feedback";
import { TeamSettings } from "@/components/team/team-settings";
import { pagePrincipal } from "@/lib/server/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Team" };

/** `/team`: members and invites, budgets, the workspace's provider keys and who spent what (owners only). */
export default async function TeamPage() {
  const principal = await pagePrincipal();
  if (principal.role !== "owner") {
    return (
      <div className="flex h-full items-center justify-center">
        <EmptyState title="Only workspace owners can see this page">Members, budgets, provider keys and usage are managed by the workspace&apos;s owners.</EmptyState>
      </div>
    );
  }
  return <TeamSettings workspaceName={principal.workspaceName} />;
}
