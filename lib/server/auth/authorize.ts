import "server-only";
import { ArborError } from "@/lib/contracts/errors";
import { env } from "@/lib/env";
import { nodeOwnership, shareOwnership, treeOwnership, type Ownership } from "@/lib/server/db/access";
import { getDb } from "@/lib/server/db/client";
import { findMembership } from "@/lib/server/db/workspaces";
import { getAuth } from "./better-auth";
import { LOCAL_PRINCIPAL, type Principal } from "./context";
import { authEnabled } from "./mode";
import { requirementOf, roleAtLeast, type ResourceKind } from "./policy";

/** Who sent a request: the local owner when sign-in is off; else its session's user in their workspace, or null. */
export async function principalOf(headers: Headers): Promise<Principal | null> {
  if (!authEnabled(env())) return LOCAL_PRINCIPAL;
  const session = await (await getAuth()).api.getSession({ headers });
  if (!session) return null;
  const membership = await findMembership(await getDb(), session.user.id);
  if (!membership) throw new ArborError("forbidden", "Your account is not in any workspace yet. Ask a workspace owner for an invite link.");
  return membership;
}

const LOOKUP: Record<ResourceKind, (id: string) => Promise<Ownership | null>> = {
  tree: async (id) => treeOwnership(await getDb(), id),
  node: async (id) => nodeOwnership(await getDb(), id),
  share: async (id) => shareOwnership(await getDb(), id),
};

/**
 * Decide, before a handler acts, whether the request may go on (policy.ts says what each route needs); answers who
 * it acts for (null: nobody signed in, on a public route). A resource of another workspace is "not found", as if it
 * did not exist, so its ids tell an outsider nothing.
 */
export async function authorize(request: Request): Promise<Principal | null> {
  const { access, resource } = requirementOf(request.method, new URL(request.url).pathname);
  if (access === "public") return principalOf(request.headers).catch(() => null);
  const principal = await principalOf(request.headers);
  if (!principal) throw new ArborError("unauthorized", "Sign in to use Arbor.");
  let ownership: Ownership | null = null;
  if (resource) {
    ownership = await LOOKUP[resource.kind](resource.id);
    if (!ownership || ownership.workspaceId !== principal.workspaceId) throw new ArborError("not_found", `No ${resource.kind} with id "${resource.id.slice(0, 100)}"`);
  }
  const required = access === "own" ? "member" : access;
  if (!roleAtLeast(principal.role, required)) throw new ArborError("forbidden", `This needs the ${required} role in the workspace; you are a ${principal.role}.`);
  if (access === "own" && principal.role !== "owner" && ownership && ownership.createdBy !== principal.userId && ownership.treeCreatedBy !== principal.userId) {
    throw new ArborError("forbidden", "Only its creator or a workspace owner can delete this.");
  }
  return principal;
}
