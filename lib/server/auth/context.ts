import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { WorkspaceRole } from "@/lib/contracts/team";

/** Who a request acts for: a user, their workspace and role there. */
export type Principal = { userId: string; name: string; email: string | null; workspaceId: string; workspaceName: string; role: WorkspaceRole };

/** The one local owner of a laptop without sign-in (rows made by migration 0010). */
export const LOCAL_PRINCIPAL: Principal = { userId: "local", name: "Local owner", email: null, workspaceId: "local", workspaceName: "My workspace", role: "owner" };

const storage = new AsyncLocalStorage<Principal>();

/** Run `fn` on behalf of `principal` (the route wrapper and pages do this once per request). */
export function actAs<T>(principal: Principal, fn: () => T): T {
  return storage.run(principal, fn);
}

/**
 * Who the current request acts for. Outside a request (start-up, scripts, tests that call services directly) it is
 * the local owner, which is what Arbor was before accounts.
 */
export function currentPrincipal(): Principal {
  return storage.getStore() ?? LOCAL_PRINCIPAL;
}
