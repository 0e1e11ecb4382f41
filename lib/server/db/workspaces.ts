import "server-only";
import { and, asc, count, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { WorkspaceRole } from "@/lib/contracts/team";
import type { Db } from "./client";
import { authUsers, invites, nodes, workspaceMembers, workspaces, type InviteRow } from "./schema";

export type Membership = { userId: string; name: string; email: string; workspaceId: string; workspaceName: string; role: WorkspaceRole };

/** The workspace a user acts in (their oldest membership), or null. */
export async function findMembership(db: Db, userId: string): Promise<Membership | null> {
  const [row] = await db
    .select({ userId: authUsers.id, name: authUsers.name, email: authUsers.email, workspaceId: workspaces.id, workspaceName: workspaces.name, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(authUsers, eq(authUsers.id, workspaceMembers.userId))
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(eq(workspaceMembers.userId, userId))
    .orderBy(asc(workspaceMembers.createdAt))
    .limit(1);
  return row ?? null;
}

/** The names of the people who made nodes of a tree (the local owner is nobody to name). */
export async function listTreePeople(db: Db, treeId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectDistinct({ id: authUsers.id, name: authUsers.name })
    .from(nodes)
    .innerJoin(authUsers, eq(authUsers.id, nodes.createdBy))
    .where(and(eq(nodes.treeId, treeId), ne(authUsers.id, "local")));
}

/** How many accounts exist besides the built-in local owner. */
export async function countAccounts(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(authUsers).where(ne(authUsers.id, "local"));
  return Number(row?.n ?? 0);
}

export async function addMember(db: Db, workspaceId: string, userId: string, role: WorkspaceRole): Promise<void> {
  await db.insert(workspaceMembers).values({ workspaceId, userId, role }).onConflictDoUpdate({ target: [workspaceMembers.workspaceId, workspaceMembers.userId], set: { role } });
}

export async function insertWorkspace(db: Db, id: string, name: string): Promise<void> {
  await db.insert(workspaces).values({ id, name });
}

/** The members of a workspace, oldest first. */
export async function listMembers(db: Db, workspaceId: string): Promise<Membership[]> {
  return db
    .select({ userId: authUsers.id, name: authUsers.name, email: authUsers.email, workspaceId: workspaces.id, workspaceName: workspaces.name, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(authUsers, eq(authUsers.id, workspaceMembers.userId))
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), ne(authUsers.id, "local")))
    .orderBy(asc(workspaceMembers.createdAt));
}

export async function setMemberRole(db: Db, workspaceId: string, userId: string, role: WorkspaceRole): Promise<boolean> {
  const rows = await db.update(workspaceMembers).set({ role }).where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId))).returning({ userId: workspaceMembers.userId });
  return rows.length > 0;
}

export async function removeMember(db: Db, workspaceId: string, userId: string): Promise<boolean> {
  const rows = await db.delete(workspaceMembers).where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId))).returning({ userId: workspaceMembers.userId });
  return rows.length > 0;
}

export async function insertInvite(db: Db, values: typeof invites.$inferInsert): Promise<InviteRow> {
  const [row] = await db.insert(invites).values(values).returning();
  if (!row) throw new Error("insert returned no invite");
  return row;
}

export async function listInvites(db: Db, workspaceId: string): Promise<InviteRow[]> {
  return db.select().from(invites).where(eq(invites.workspaceId, workspaceId)).orderBy(asc(invites.createdAt));
}

/** An invite that can still be used: not accepted, not expired. */
export async function findOpenInvite(db: Db, tokenHash: string): Promise<InviteRow | null> {
  const [row] = await db.select().from(invites).where(and(eq(invites.tokenHash, tokenHash), isNull(invites.acceptedAt), gt(invites.expiresAt, sql`now()`)));
  return row ?? null;
}

/** Use an invite once; false when someone else used it first or it expired meanwhile. */
export async function acceptInvite(db: Db, id: string, userId: string): Promise<boolean> {
  const rows = await db
    .update(invites)
    .set({ acceptedBy: userId, acceptedAt: sql`now()` })
    .where(and(eq(invites.id, id), isNull(invites.acceptedAt), gt(invites.expiresAt, sql`now()`)))
    .returning({ id: invites.id });
  return rows.length > 0;
}

export async function deleteInvite(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const rows = await db.delete(invites).where(and(eq(invites.workspaceId, workspaceId), eq(invites.id, id))).returning({ id: invites.id });
  return rows.length > 0;
}
