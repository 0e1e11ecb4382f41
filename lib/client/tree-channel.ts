import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useSyncExternalStore } from "react";
import type { NodeSummary } from "@/lib/contracts/nodes";
import type { TreeDetail } from "@/lib/contracts/trees";
import { isRunning } from "@/lib/tree/node-status";
import { api } from "./api";
import { upsertNodeInCache } from "./cache";
import { queryKeys } from "./query-keys";

// What other tabs, scripts and instances do to an open tree arrives on its event channel (GET /api/trees/:id/events):
// a node's summary when it is created, changes or ends, the ids of deleted nodes, and a progress note per saved batch
// of a running node's events. The tree is never read again for them; only a resync (changes may have been missed)
// reads it once. One EventSource per tree, shared by every component that shows it.

/** `open`: connected now; `heard`: connected once (a later `arbor.tree` is a reconnection). */
type Channel = { source: EventSource; users: number; open: boolean; heard: boolean };

/** A tree read this recently needs no second read when its channel opens. */
const FRESH_MS = 3_000;

const channels = new Map<string, Channel>();
const openListeners = new Set<() => void>();
const notifyOpen = () => openListeners.forEach((listener) => listener());

/** Someone viewing a tree (the channel's `arbor.presence`, with everyone viewing it on any instance). */
export type PresentViewer = { userId: string; name: string };

const presence = new Map<string, PresentViewer[]>();
const presenceListeners = new Set<() => void>();
const notifyPresence = () => presenceListeners.forEach((listener) => listener());
const NOBODY: PresentViewer[] = [];

/** Who is viewing a tree, as its channel last said (the channel is opened by whoever shows the tree). */
export function useTreePresence(treeId: string): PresentViewer[] {
  return useSyncExternalStore(
    (listener) => {
      presenceListeners.add(listener);
      return () => presenceListeners.delete(listener);
    },
    () => presence.get(treeId) ?? NOBODY,
    () => NOBODY,
  );
}

/** Whether this tab hears the tree's channel now (while it does, nothing about the tree needs polling). */
export function treeChannelOpen(treeId: string): boolean {
  return channels.get(treeId)?.open ?? false;
}

function parse<T>(event: MessageEvent): T | null {
  try {
    return JSON.parse(String(event.data)) as T;
  } catch {
    return null;
  }
}

function connect(client: QueryClient, treeId: string): Channel {
  const source = new EventSource(`/api/trees/${encodeURIComponent(treeId)}/events`);
  const channel: Channel = { source, users: 0, open: false, heard: false };
  const resync = () => void client.invalidateQueries({ queryKey: queryKeys.tree(treeId), exact: true });
  source.addEventListener("arbor.tree", (event) => {
    // Opened again after a drop, or long after the tree was read: whatever happened meanwhile is read once.
    if (channel.open) return;
    const reconnected = channel.heard;
    const read = client.getQueryState<TreeDetail>(queryKeys.tree(treeId));
    const nodeCount = parse<{ nodeCount?: number }>(event)?.nodeCount;
    // A node made or deleted between the read and the channel (another tab's, a script's) changes the count.
    const missed = typeof nodeCount === "number" && read?.data !== undefined && read.data.nodes.length !== nodeCount;
    channel.open = true;
    channel.heard = true;
    notifyOpen();
    if (reconnected || missed || Date.now() - (read?.dataUpdatedAt ?? 0) > FRESH_MS) resync();
    else {
      // A node the tree was read with while it ran may have ended before the channel opened (a fast first answer
      // while its new tree's page loaded): the channel only tells of what happens from now on, so those few nodes
      // are read once each (not the whole tree, which for 10,000 nodes is a long re-render).
      for (const node of read?.data?.nodes.filter(isRunning) ?? []) {
        void api.node(node.id).then((fresh) => {
          // Unless the channel has told of it meanwhile, which is newer than this read.
          const held = client.getQueryData<TreeDetail>(queryKeys.tree(treeId))?.nodes.find((n) => n.id === node.id);
          if (held && isRunning(held)) upsertNodeInCache(client, treeId, fresh);
        }, () => undefined);
      }
    }
  });
  source.addEventListener("arbor.node", (event) => {
    const node = parse<{ node: NodeSummary }>(event)?.node;
    if (!node) return;
    // Someone new made it: the tree is read once for their name (the initials on the card). "local" is the one owner
    // of a laptop without sign-in, who is never named.
    const people = client.getQueryData<TreeDetail>(queryKeys.tree(treeId))?.people;
    const stranger = node.createdBy !== null && node.createdBy !== "local" && people !== undefined && !people.some((person) => person.id === node.createdBy);
    upsertNodeInCache(client, treeId, node);
    if (stranger) resync();
    // A full node read elsewhere in this tab (the inspector) is read again once it has ended or changed.
    if (client.getQueryData(queryKeys.node(node.id))) void client.invalidateQueries({ queryKey: queryKeys.node(node.id), exact: true });
    if (!isRunning(node)) void client.invalidateQueries({ queryKey: queryKeys.nodeEvents(node.id, true), exact: true });
  });
  source.addEventListener("arbor.progress", (event) => {
    const nodeId = parse<{ nodeId: string }>(event)?.nodeId;
    // Only a node whose events this tab is showing is read: the events after the last one held.
    if (nodeId && client.getQueryData(queryKeys.nodeEvents(nodeId, true))) void client.invalidateQueries({ queryKey: queryKeys.nodeEvents(nodeId, true), exact: true });
  });
  source.addEventListener("arbor.deleted", (event) => {
    const ids = new Set(parse<{ nodeIds: string[] }>(event)?.nodeIds ?? []);
    client.setQueryData<TreeDetail>(queryKeys.tree(treeId), (data) => (data ? { ...data, nodes: data.nodes.filter((node) => !ids.has(node.id)) } : data));
  });
  source.addEventListener("arbor.resync", resync);
  source.addEventListener("arbor.presence", (event) => {
    presence.set(treeId, parse<{ viewers: PresentViewer[] }>(event)?.viewers ?? []);
    notifyPresence();
  });
  source.addEventListener("error", () => {
    // EventSource reconnects by itself; until it has, the tree falls back to polling.
    if (!channel.open) return;
    channel.open = false;
    notifyOpen();
  });
  return channel;
}

/** Hear the tree's event channel while the calling component is mounted; answers whether it is open. */
export function useTreeChannel(treeId: string): boolean {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    let channel = channels.get(treeId);
    if (!channel) {
      channel = connect(client, treeId);
      channels.set(treeId, channel);
    }
    channel.users += 1;
    return () => {
      const held = channels.get(treeId);
      if (!held) return;
      held.users -= 1;
      if (held.users > 0) return;
      held.source.close();
      channels.delete(treeId);
      presence.delete(treeId);
      notifyOpen();
    };
  }, [client, treeId]);
  return useSyncExternalStore(
    (listener) => {
      openListeners.add(listener);
      return () => openListeners.delete(listener);
    },
    () => treeChannelOpen(treeId),
    () => false,
  );
}
