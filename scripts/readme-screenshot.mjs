#!/usr/bin/env node
// Regenerates public/screenshot.png for the README: the guided example tree, its web search answer selected with
// citations showing. Needs a build (npm run build) and Debian's Chromium.
import { chromium } from "@playwright/test";
import path from "node:path";
import { ensureBuild, root, startServer } from "../tests/bench/support.mjs";

ensureBuild();
const server = await startServer({ port: 3340, env: { ARBOR_OFFLINE_TPS: "0" } });
try {
  const response = await fetch(`${server.url}/api/trees/example`, { method: "POST" });
  if (!response.ok) throw new Error(`example tree: ${response.status} ${await response.text()}`);
  const { tree } = await response.json();
  const { nodes } = await (await fetch(`${server.url}/api/trees/${tree.id}`)).json();
  const news = nodes.find((n) => n.itemTypes.includes("web_search_call") && n.inputImageCount === 0);

  const browser = await chromium.launch({
    executablePath: process.env.ARBOR_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 860 }, deviceScaleFactor: 1 });
  await page.goto(`${server.url}/t/${tree.id}?node=${news.id}`);
  await page.locator('[data-testid="graph-node"]').first().waitFor();
  await page.locator('[data-testid="citation-marker"]').first().waitFor();
  await page.getByRole("button", { name: "Fit view" }).click();
  await page.waitForTimeout(600); // the fit animation
  const out = path.join(root, "public", "screenshot.png");
  await page.screenshot({ path: out });
  await browser.close();
  console.log(`wrote ${out}`);
} finally {
  await server.stop();
}
