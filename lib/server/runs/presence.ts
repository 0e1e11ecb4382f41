import "server-only";
import { sql } from "drizzle-orm";
import { getDatabase } from "@/lib/server/db/client";
import { log } from "@/lib/server/log";
import { instanceId } from "./lease";
import type { Principal } from "@/lib/server/auth/context";

/** Someone viewing a tree. */
export type PresentViewer = { userId: string; name: string };

/** How often an instance repeats who views its trees; a list not repeated within two of these is dropped. */
const HEARTBEAT_MS = 10_000;

type Local = { principal: Principal; write: (viewers: PresentViewer[]) => void };
type Tree = { local: Set<Local>; remote: Map<string, { viewers: PresentViewer[]; heardAt: number }> };
type Signal = { treeId: string; instance: string; viewers: PresentViewer[] };
type GlobalWithPresence = typeof globalThis & { __arborPresence?: { trees: Map<string, Tree>; timer: NodeJS.Timeout | null; listening: Promise<unknown> | null } };

/** Instances tell each other who views their trees on a notification channel of its own (not the run bus). */
const CHANNEL = "arbor_presence";

function state() {
  const g = globalThis as GlobalWithPresence;
  g.__arborPresence ??= { trees: new Map(), timer: null, listening: null };
  return g.__arborPresence;
}

function announce(signal: Signal): void {
  void getDatabase()
    .then((database) => database.db.execute(sql`select pg_notify(${CHANNEL}, ${JSON.stringify(signal)})`))
    .then(undefined, (err: unknown) => log.warn({ err }, "could not announce who views a tree"));
}

/** Hear the other instances (once per process). */
function listen(): void {
  const s = state();
  s.listening ??= getDatabase()
    .then((database) =>
      database.listen(CHANNEL, (payload) => {
        let signal: Signal;
        try {
          signal = JSON.parse(payload) as Signal;
        } catch {
          return;
        }
        if (signal.instance === instanceId()) return;
        const tree = s.trees.get(signal.treeId);
        if (!tree) return;
        const before = JSON.stringify(everyone(tree));
        tree.remote.set(signal.instance, { viewers: signal.viewers, heardAt: Date.now() });
        const after = everyone(tree);
        if (JSON.stringify(after) !== before) for (const local of tree.local) local.write(after);
      }),
    )
    .catch((err: unknown) => {
      s.listening = null;
      log.warn({ err }, "could not listen for who views trees on other instances");
    });
}

function localViewers(tree: Tree): PresentViewer[] {
  return [...tree.local].map(({ principal }) => ({ userId: principal.userId, name: principal.name }));
}

/** Everyone viewing a tree on any instance, once each. */
function everyone(tree: Tree): PresentViewer[] {
  const byId = new Map<string, PresentViewer>();
  const fresh = Date.now() - 2 * HEARTBEAT_MS;
  for (const [instance, heard] of tree.remote) {
    if (heard.heardAt < fresh) tree.remote.delete(instance);
    else for (const v of heard.viewers) byId.set(v.userId, v);
  }
  for (const v of localViewers(tree)) byId.set(v.userId, v);
  return [...byId.values()];
}

function tell(treeId: string, tree: Tree): void {
  const viewers = everyone(tree);
  for (const local of tree.local) local.write(viewers);
  announce({ treeId, instance: instanceId(), viewers: localViewers(tree) });
}

function heartbeat(): void {
  const s = state();
  if (s.timer) return;
  s.timer = setInterval(() => {
    for (const [treeId, tree] of s.trees) if (tree.local.size > 0) announce({ treeId, instance: instanceId(), viewers: localViewers(tree) });
  }, HEARTBEAT_MS);
  s.timer.unref();
}

/**
 * Count someone as viewing a tree while its event channel is open; `write` hears the whole list (every instance's)
 * whenever it changes. Answers how to leave.
 */
export function joinPresence(treeId: string, principal: Principal, write: (viewers: PresentViewer[]) => void): { leave: () => void } {
  const s = state();
  let tree = s.trees.get(treeId);
  if (!tree) s.trees.set(treeId, (tree = { local: new Set(), remote: new Map() }));
  const me: Local = { principal, write };
  tree.local.add(me);
  listen();
  heartbeat();
  tell(treeId, tree);
  const current = tree;
  return {
    leave: () => {
      current.local.delete(me);
      if (current.local.size === 0 && current.remote.size === 0) s.trees.delete(treeId);
      tell(treeId, current);
    },
  };
}
