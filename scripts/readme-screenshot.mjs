#!/usr/bin/env node
// Regenerates public/screenshot.png for the README: a small forked tree built through Arbor's API, shot in Chromium.
// Needs a build (npm run build) and Debian's Chromium.
import { chromium } from "@playwright/test";
import path from "node:path";
import { ensureBuild, root, startServer } from "../tests/bench/support.mjs";

ensureBuild();
const server = await startServer({ port: 3340, env: { ARBOR_OFFLINE_TPS: "0" } });
const post = async (url, body) => {
  const response = await fetch(`${server.url}${url}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
};
try {
  const { tree } = await post("/api/trees", { title: "Jokes, forked", model: "offline-assistant" });
  const node = async (parentId, input, extra = {}) => (await post(`/api/trees/${tree.id}/nodes`, { parentId, input, ...extra })).node;
  const joke = await node(null, "Tell me a joke");
  const another = await node(joke.id, "Tell me another");
  await node(another.id, "One more, please");
  const different = await node(joke.id, "Tell me a different joke, and what's the difference between the two?");
  await node(joke.id, "Which joke did I ask for first?", { model: "offline-echo", contextMode: "replay" });
  await node(different.id, "What is 17 * 23?");
  const selected = await node(different.id, "What can you see in this conversation?", { model: "offline-echo" });

  const browser = await chromium.launch({
    executablePath: process.env.ARBOR_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 860 }, deviceScaleFactor: 1 });
  await page.goto(`${server.url}/t/${tree.id}?node=${selected.id}`);
  await page.locator('[data-testid="graph-node"]').first().waitFor();
  await page.getByRole("button", { name: "Fit view" }).click();
  await page.waitForTimeout(600); // the fit animation
  const out = path.join(root, "public", "screenshot.png");
  await page.screenshot({ path: out });
  await browser.close();
  console.log(`wrote ${out}`);
} finally {
  await server.stop();
}
