import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as treeEventsRoute from "@/app/api/trees/[id]/events/route";
import * as treesRoute from "@/app/api/trees/route";
import { resetEnvForTests } from "@/lib/env";
import { openDatabase, setDatabaseForTests, type Database } from "@/lib/server/db/client";
import { callRoute, type RouteHandler } from "./support/routes";
import { makeTeam, TEAM_BASE, TEST_SECRET, type Team } from "./support/team";

let database: Database;
let team: Team;
let treeId: string;

beforeAll(async () => {
  Object.assign(process.env, { ARBOR_AUTH: "on", ARBOR_SECRET: TEST_SECRET, ARBOR_EXAMPLE_TREE: "off" });
  resetEnvForTests();
  database = await openDatabase({ kind: "pglite" });
  setDatabaseForTests(database);
  team = await makeTeam(database.db);
  const created = await callRoute(treesRoute.POST as RouteHandler, `${TEAM_BASE}/api/trees`, { method: "POST", json: {}, headers: { cookie: team.owner } });
  treeId = (created.body as { tree: { id: string } }).tree.id;
}, 60_000);

afterAll(async () => {
  delete process.env.ARBOR_AUTH;
  delete process.env.ARBOR_SECRET;
  resetEnvForTests();
  await database.close();
});

const call = (cookie: string) =>
  treeEventsRoute.GET(new Request(`${TEAM_BASE}/api/trees/${treeId}/events`, { headers: { cookie, accept: "text/event-stream" } }), { params: Promise.resolve({ id: treeId }) });

/** A tab with the tree open: the channel read frame by frame, and closed as a browser closes it. */
async function open(cookie: string) {
  const reader = (await call(cookie)).body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  /** The viewers' names in the `arbor.presence` frames, until one has `count` of them. */
  const presenceUntil = async (count: number): Promise<string[]> => {
    for (;;) {
      let end: number;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (/^event: arbor\.presence$/m.test(frame)) {
          const data = JSON.parse(/^data: (.*)$/m.exec(frame)![1]!) as { viewers: { name: string }[] };
          const names = data.viewers.map((v) => v.name).sort();
          if (names.length === count) return names;
        }
      }
      const { value, done } = await reader.read();
      if (done) throw new Error("the channel ended");
      buffer += value;
    }
  };
  return { presenceUntil, close: () => reader.cancel() };
}

describe("presence on the tree channel", () => {
  it("tells everyone viewing a tree who else is, and when they leave", async () => {
    const owner = await open(team.owner);
    expect(await owner.presenceUntil(1)).toEqual(["owner"]);
    const member = await open(team.member);
    expect(await member.presenceUntil(2)).toEqual(["member", "owner"]);
    expect(await owner.presenceUntil(2)).toEqual(["member", "owner"]);
    // The member closes the tab: the owner hears it.
    await member.close();
    expect(await owner.presenceUntil(1)).toEqual(["owner"]);
    await owner.close();
    // A user of another workspace cannot open the channel at all.
    expect((await call(team.outsider)).status).toBe(404);
  });
});
