import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "@/lib/server/db/client";
import { appendEvents, listEvents } from "@/lib/server/db/events";
import { deleteSubtree, failOrphanedNodes, findAncestry, findNode, insertNode, insertNodes, listNodeSummaries, updateNode, type NewNode } from "@/lib/server/db/nodes";
import { userMessage } from "@/lib/responses/input";
import type { Response } from "@/lib/responses/types";
import { EventWriter } from "@/lib/server/runs/event-writer";
import { heldMatchableBytes, listMatchableNodes } from "@/lib/server/db/proxy";
import { deleteTree, findTree, insertTree, listTrees, updateTree } from "@/lib/server/db/trees";
import { testDatabases } from "./support/databases";

describe.each(testDatabases())("database queries on $name", ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database.close();
  });

  // The previews are derived by insertNode and updateNode from the input and the response.
  const node = (id: string, parentId: string | null, treeId = "t1"): NewNode => ({
    id,
    treeId,
    parentId,
    providerId: "offline",
    model: "offline-echo",
    input: [userMessage(id)],
    status: "completed" as const,
    contextMode: "chain" as const,
  });
  const answer = (id: string, text: string) =>
    ({ id, output: [{ id: `msg_${id}`, type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text, annotations: [] }] }] }) as unknown as Response;

  it("creates, lists, renames and deletes trees", async () => {
    const { db } = database;
    await insertTree(db, { id: "t1", title: "First", providerId: "offline", model: "offline-echo" });
    await insertTree(db, { id: "t2", title: "Second", providerId: "offline", model: "offline-echo" });
    expect((await updateTree(db, "t1", { title: "Renamed" }))?.title).toBe("Renamed");
    const list = await listTrees(db, "local");
    expect(list.map((t) => t.id)).toEqual(["t1", "t2"]);
    expect(list[0]).toMatchObject({ title: "Renamed", nodeCount: 0 });
    expect(await deleteTree(db, "t2")).toBe(true);
    expect(await findTree(db, "t2")).toBeNull();
  });

  it("walks a branch from root to node and loads a tree's summaries without heavy JSON", async () => {
    const { db } = database;
    await insertNode(db, node("a", null));
    await insertNode(db, node("b", "a"));
    await insertNode(db, node("c", "b"));
    await insertNode(db, node("d", "a"));
    await updateNode(db, "c", { response: answer("resp_c", "answer"), responseId: "resp_c" });
    expect((await findAncestry(db, "c")).map((n) => n.id)).toEqual(["a", "b", "c"]);
    expect((await findAncestry(db, "d")).map((n) => n.id)).toEqual(["a", "d"]);
    const summaries = await listNodeSummaries(db, "t1");
    expect(summaries.map((s) => [s.id, s.parentId])).toEqual([["a", null], ["b", "a"], ["c", "b"], ["d", "a"]]);
    expect(summaries[2]).toMatchObject({ responseId: "resp_c", outputPreview: "answer" });
    expect(summaries[2]).not.toHaveProperty("response");
    expect((await listTrees(db, "local"))[0]?.nodeCount).toBe(4);
  });

  it("appends events in batches and reads them after a sequence number", async () => {
    const { db } = database;
    const events = Array.from({ length: 5 }, (_, seq) => ({ seq, type: "response.output_text.delta", atMs: seq * 10, data: { delta: String(seq) } }));
    await appendEvents(db, "c", events.slice(0, 3));
    await appendEvents(db, "c", events.slice(3));
    await appendEvents(db, "c", events.slice(4)); // a repeated batch changes nothing
    expect((await listEvents(db, "c")).map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect((await listEvents(db, "c", 2)).map((e) => e.data.delta)).toEqual(["3", "4"]);
  });

  it("runs a save queued with a node's event batches after the batches before it and before those after it", async () => {
    const { db } = database;
    await insertTree(db, { id: "tw", title: "Writer", providerId: "offline", model: "offline-echo" });
    await insertNode(db, node("w", null, "tw"));
    const writer = new EventWriter(db, { id: "w", treeId: "tw" });
    const event = (seq: number) => ({ seq, type: "response.output_text.delta", atMs: seq, data: { delta: String(seq) } });
    const seen: number[] = [];
    writer.add(event(0));
    writer.flush();
    writer.inOrder(async () => seen.push((await listEvents(db, "w")).length));
    writer.add(event(1));
    writer.inOrder(async () => seen.push((await listEvents(db, "w")).length));
    await writer.close();
    expect(seen).toEqual([1, 1]);
    expect((await listEvents(db, "w")).map((e) => e.seq)).toEqual([0, 1]);
  });

  it("reads events saved one row each before batches existed, merged in order with the batches after them", async () => {
    const { db } = database;
    await db.execute(sql`insert into node_events (node_id, seq, type, data, at_ms) values
      ('d', 0, 'response.created', '{"type":"response.created"}', 0), ('d', 1, 'response.output_text.delta', '{"delta":"old"}', 5)`);
    await appendEvents(db, "d", [2, 3].map((seq) => ({ seq, type: "response.output_text.delta", atMs: seq * 10, data: { delta: `new ${seq}` } })));
    expect(await listEvents(db, "d")).toEqual([
      { seq: 0, type: "response.created", atMs: 0, data: { type: "response.created" } },
      { seq: 1, type: "response.output_text.delta", atMs: 5, data: { delta: "old" } },
      { seq: 2, type: "response.output_text.delta", atMs: 20, data: { delta: "new 2" } },
      { seq: 3, type: "response.output_text.delta", atMs: 30, data: { delta: "new 3" } },
    ]);
    expect((await listEvents(db, "d", 0)).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await listEvents(db, "d", 2)).map((e) => e.data.delta)).toEqual(["new 3"]);
    expect(await listEvents(db, "d", 3)).toEqual([]);
  });

  it("marks nodes cut off by a stopped server as failed", async () => {
    const { db } = database;
    await insertNode(db, { ...node("running", "a"), status: "in_progress" });
    expect(await failOrphanedNodes(db, [])).toBe(1);
    expect(await findNode(db, "running")).toMatchObject({ status: "failed", error: { code: "interrupted" } });
  });

  it("deletes a subtree, and only that subtree", async () => {
    const { db } = database;
    expect(await deleteSubtree(db, "t1", "b")).toBe(2);
    expect((await listNodeSummaries(db, "t1")).map((s) => s.id).sort()).toEqual(["a", "d", "running"]);
    expect(await deleteSubtree(db, "other-tree", "a")).toBe(0);
    expect(await findNode(db, "a")).not.toBeNull();
  });

  it("reads a big tree's summaries again as they are after any change to one of its nodes", async () => {
    const { db } = database;
    await insertTree(db, { id: "big", title: "Big", providerId: "offline", model: "offline-echo" });
    await insertNodes(db, Array.from({ length: 600 }, (_, i) => node(`big${i}`, i === 0 ? null : `big${i - 1}`, "big")));
    const first = await listNodeSummaries(db, "big");
    expect(first).toHaveLength(600);
    expect(await listNodeSummaries(db, "big")).toEqual(first);

    await updateNode(db, "big300", { label: "changed", response: answer("big300", "A new answer") });
    const afterUpdate = await listNodeSummaries(db, "big");
    expect(afterUpdate.find((s) => s.id === "big300")).toMatchObject({ label: "changed", outputPreview: "A new answer" });

    await insertNode(db, node("big600", "big599", "big"));
    expect((await listNodeSummaries(db, "big")).map((s) => s.id)).toContain("big600");

    expect(await deleteSubtree(db, "big", "big590")).toBe(11);
    const afterDelete = await listNodeSummaries(db, "big");
    expect(afterDelete).toHaveLength(590);
    expect(afterDelete.find((s) => s.id === "big300")?.label).toBe("changed");
    expect(await deleteTree(db, "big")).toBe(true);
    expect(await listNodeSummaries(db, "big")).toEqual([]);
  });

  it("reads a tree for context matching as it is now: new nodes, answers that arrived, edits and deletions", async () => {
    const { db } = database;
    await insertTree(db, { id: "match", title: "Matching", providerId: "offline", model: "offline-echo" });
    await insertNodes(db, [{ ...node("m1", null, "match"), status: "in_progress" }, node("m2", "m1", "match")]);
    const first = await listMatchableNodes(db, "match");
    expect(first.map((n) => [n.id, n.parentId, n.output.length])).toEqual([
      ["m1", null, 0],
      ["m2", "m1", 0],
    ]);
    // m1's answer arrives, m3 is added and m2 is deleted: the next read says so, though m1's items were read before.
    await updateNode(db, "m1", { status: "completed", response: answer("m1", "Hello") });
    await insertNode(db, node("m3", "m1", "match"));
    await deleteSubtree(db, "match", "m2");
    const second = await listMatchableNodes(db, "match");
    expect(second.map((n) => n.id)).toEqual(["m1", "m3"]);
    expect(second[0]?.output).toEqual(answer("m1", "Hello").output);
    expect(second[1]?.input).toEqual([userMessage("m3")]);
    // Its answer changed once more (a background node followed to its end writes it again): read again too.
    await updateNode(db, "m1", { response: answer("m1", "Hello again") });
    expect((await listMatchableNodes(db, "match"))[0]?.output).toEqual(answer("m1", "Hello again").output);
    // The items read are held for the next call, but not a node too big to hold (it is read again each time).
    const heldBefore = heldMatchableBytes(db);
    expect(heldBefore).toBeGreaterThan(0);
    const big = userMessage("x".repeat(300 * 1024));
    await insertNode(db, { ...node("m4", "m1", "match"), input: [big] });
    const withBig = await listMatchableNodes(db, "match");
    expect(withBig.find((n) => n.id === "m4")?.input).toEqual([big]);
    expect(heldMatchableBytes(db)).toBe(heldBefore);
  });
});
