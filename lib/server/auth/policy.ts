import "server-only";
import type { WorkspaceRole } from "@/lib/contracts/team";

/**
 * Who may call what, in one table. `public`: anyone (it checks its own credentials, or has nothing to protect);
 * a role: that role or a higher one. `own` is a member who
 * created the resource (or its tree), or an owner.
 */
export type Access = "public" | WorkspaceRole | "own";

/** The resource a path names: checked to be in the caller's workspace before the handler runs. */
export type ResourceKind = "tree" | "node" | "share";

type Rule = { path: RegExp; resource?: ResourceKind; methods: Partial<Record<string, Access>> & { default?: Access } };

const ID = "([^/]+)";

// First match wins. A path no rule names falls to the last rule: reading needs a viewer, anything else a member.
const RULES: readonly Rule[] = [
  { path: /^\/api\/(health|ready|metrics)$/, methods: { default: "public" } },
  { path: /^\/api\/auth(\/.*)?$/, methods: { default: "public" } },
  { path: /^\/api\/offline\/v1(\/.*)?$/, methods: { default: "public" } },
  { path: /^\/api\/v1(\/.*)?$/, methods: { default: "public" } }, // the recording proxy: bearer tokens, checked there
  { path: /^\/api\/s\/[^/]+$/, methods: { GET: "public" } },
  { path: /^\/api\/s\/[^/]+\/nodes\/[^/]+(\/(events|context))?$/, methods: { GET: "public" } },
  { path: /^\/api\/s\/[^/]+\/copy$/, methods: { POST: "member" } },
  { path: /^\/api\/me$/, methods: { GET: "viewer" } },
  { path: /^\/api\/tokens(\/[^/]+)?$/, methods: { GET: "viewer", DELETE: "viewer", default: "member" } }, // each caller's own tokens
  { path: /^\/api\/(invites|members|budgets|provider-keys|usage)(\/.*)?$/, methods: { default: "owner" } },
  { path: new RegExp(`^/api/trees/(?!example$|import$)${ID}$`), resource: "tree", methods: { GET: "viewer", DELETE: "own", default: "member" } },
  { path: new RegExp(`^/api/trees/${ID}/.+$`), resource: "tree", methods: { GET: "viewer", default: "member" } },
  { path: new RegExp(`^/api/nodes/${ID}(/.*)?$`), resource: "node", methods: { GET: "viewer", DELETE: "own", default: "member" } },
  { path: new RegExp(`^/api/shares/${ID}$`), resource: "share", methods: { DELETE: "own", default: "member" } },
  { path: /^\/api\/.*$/, methods: { GET: "viewer", HEAD: "viewer", default: "member" } },
];

/** What a request needs: its access level, and the resource it names (kind and id) if any. */
export function requirementOf(method: string, pathname: string): { access: Access; resource: { kind: ResourceKind; id: string } | null } {
  for (const rule of RULES) {
    const match = rule.path.exec(pathname);
    if (!match) continue;
    const access = rule.methods[method === "HEAD" ? "GET" : method] ?? rule.methods.default ?? "member";
    const id = rule.resource && match[1] ? safeDecode(match[1]) : null;
    return { access, resource: rule.resource && id ? { kind: rule.resource, id } : null };
  }
  return { access: "member", resource: null };
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

const RANK: Record<WorkspaceRole, number> = { viewer: 0, member: 1, owner: 2 };

/** Whether a role reaches a required one. */
export function roleAtLeast(role: WorkspaceRole, required: WorkspaceRole): boolean {
  return RANK[role] >= RANK[required];
}
