import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { mergeTreeRead, upsertNodeInCache } from "@/lib/client/cache";
import { treeQuery } from "@/lib/client/queries";
import { queryKeys } from "@/lib/client/query-keys";
import { packTree } from "@/lib/contracts/tree-wire";
import type { TreeDetail } from "@/lib/contracts/trees";
import { nodeSummary } from "./support/node-summary";

const tree = { id: "t1", title: "Cached", providerId: "offline", model: "offline-echo" } as unknown as TreeDetail["tree"];
const detail = (...nodes: TreeDetail["nodes"]): TreeDetail => ({ tree, nodes });

describe("a tree read that overlaps a node's end", () => {
  it("keeps the end the cache heard of while the read was in flight", async () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.tree("t1"), detail(nodeSummary("a", null, { status: "completed" })));
    // The server answered the read while b ran; b's stream ends (the cache hears it) before that answer arrives.
    let answer: () => void = () => undefined;
    const read = detail(nodeSummary("a", null, { status: "completed" }), nodeSummary("b", "a", { status: "in_progress" }), nodeSummary("c", "a", { status: "queued" }));
    vi.stubGlobal("fetch", () => new Promise<Response>((resolve) => (answer = () => resolve(new Response(JSON.stringify(packTree(read)), { headers: { "content-type": "application/json" } })))));
    try {
      const fetched = client.fetchQuery(treeQuery(client, "t1"));
      upsertNodeInCache(client, "t1", nodeSummary("b", "a", { status: "completed", outputPreview: "Done" }));
      answer();
      await fetched;
    } finally {
      vi.unstubAllGlobals();
    }
    const held = client.getQueryData<TreeDetail>(queryKeys.tree("t1"));
    expect(held?.nodes.map((node) => [node.id, node.status])).toEqual([
      ["a", "completed"],
      ["b", "completed"],
      ["c", "queued"],
    ]);
    expect(held?.nodes[1]?.outputPreview).toBe("Done");
  });

  it("keeps a node the cache was told of while the read was in flight, and drops one deleted before the read", async () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.tree("t1"), detail(nodeSummary("a", null)));
    // "gone" was made (the cache was told of it), then deleted before the read started; "b" is made (another tab,
    // the channel) while the read is in flight.
    upsertNodeInCache(client, "t1", nodeSummary("gone", "a"));
    let answer: () => void = () => undefined;
    const read = detail(nodeSummary("a", null));
    vi.stubGlobal("fetch", () => new Promise<Response>((resolve) => (answer = () => resolve(new Response(JSON.stringify(packTree(read)), { headers: { "content-type": "application/json" } })))));
    try {
      const fetched = client.fetchQuery(treeQuery(client, "t1"));
      upsertNodeInCache(client, "t1", nodeSummary("b", "a", { status: "in_progress" }));
      answer();
      await fetched;
    } finally {
      vi.unstubAllGlobals();
    }
    expect(client.getQueryData<TreeDetail>(queryKeys.tree("t1"))?.nodes.map((node) => [node.id, node.status])).toEqual([
      ["a", "completed"],
      ["b", "in_progress"],
    ]);
  });

  it("takes the read whenever it is as new as the cache or newer", () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.tree("t1"), detail(nodeSummary("a", null, { status: "in_progress" })));
    const read = detail(nodeSummary("a", null, { status: "failed" }), nodeSummary("b", "a", { status: "in_progress" }));
    expect(mergeTreeRead(client, "t1", read)).toEqual(read);
    // Nothing cached yet: the read is all there is.
    expect(mergeTreeRead(new QueryClient(), "t1", read)).toBe(read);
  });
});
