#!/usr/bin/env node
// Regenerates the README's screenshots in docs/screenshots, light and dark at 1280x800 (the explorer on the guided
// example tree, the thread view, a tree captured by the recording proxy, the sign-in page and the share dialog), and
// public/screenshot.png (the README's first picture). Needs a build (npm run build) and Debian's Chromium.
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";
import path from "node:path";
import OpenAI from "openai";
import { ensureBuild, root, startServer } from "../tests/bench/support.mjs";

ensureBuild();
const out = path.join(root, "docs", "screenshots");
mkdirSync(out, { recursive: true });
const server = await startServer({ port: Number(process.env.PORT ?? 3340), env: { ARBOR_OFFLINE_TPS: "0" } });
const browser = await chromium.launch({
  executablePath: process.env.ARBOR_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const post = (url) => fetch(`${server.url}${url}`, { method: "POST", headers: { origin: server.url } });
  const built = await post("/api/trees/example");
  if (!built.ok) throw new Error(`example tree: ${built.status} ${await built.text()}`);
  const { tree } = await built.json();
  const { nodes } = await (await fetch(`${server.url}/api/trees/${tree.id}`)).json();
  const news = nodes.find((n) => n.itemTypes.includes("web_search_call") && n.inputImageCount === 0);
  const deepest = nodes.find((n) => n.inputPreview.startsWith("Tool output")) ?? nodes.at(-1);

  // A short agent-like session recorded by the proxy: the openai SDK pointed at /api/v1.
  const client = new OpenAI({ baseURL: `${server.url}/api/v1`, apiKey: "arbor", defaultHeaders: { "X-Arbor-Tree": "A script through the proxy" } });
  const first = await client.responses.create({ model: "offline/offline-assistant", input: "Plan a three-day trip to Lisbon" });
  await client.responses.create({ model: "offline/offline-assistant", input: "Make it vegetarian", previous_response_id: first.id });
  await client.responses.create({ model: "offline/offline-assistant", input: "Now for Porto instead", previous_response_id: first.id });
  const trees = (await (await fetch(`${server.url}/api/trees`)).json()).trees;
  const captured = trees.find((t) => t.title.includes("A script through the proxy"));

  const shots = [
    { name: "explorer", url: `/t/${tree.id}?node=${news.id}`, fit: true, ready: '[data-testid="citation-marker"]' },
    { name: "thread", url: `/t/${tree.id}?node=${deepest.id}`, view: "Thread", ready: '[data-testid="graph-node"]' },
    { name: "captured", url: `/t/${captured.id}`, fit: true, ready: '[data-testid="graph-node"]' },
  ];
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme, deviceScaleFactor: 1 });
    await context.addInitScript((theme) => localStorage.setItem("arbor-theme", theme), scheme);
    const page = await context.newPage();
    for (const shot of shots) {
      await page.goto(`${server.url}${shot.url}`);
      await page.locator(shot.ready).first().waitFor({ timeout: 20_000 });
      if (shot.view) {
        await page.getByRole("group", { name: "View" }).getByRole("button", { name: shot.view }).click();
        await page.getByTestId("thread-turn").first().waitFor();
      }
      if (shot.fit) await page.getByRole("button", { name: "Fit view" }).click();
      await page.waitForTimeout(700); // the fit animation and fonts
      const file = path.join(out, `${shot.name}-${scheme}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${path.relative(root, file)}`);
      if (shot.name === "explorer" && scheme === "light") await page.screenshot({ path: path.join(root, "public", "screenshot.png") });
    }
    await context.close();
  }

  // Sign-in on: the sign-in page (an owner exists) and the share dialog.
  const team = await startServer({ port: Number(process.env.PORT ?? 3340) + 1, env: { ARBOR_OFFLINE_TPS: "0", ARBOR_AUTH: "on", ARBOR_SECRET: "screenshots-secret-that-is-long-enough-0123" } });
  try {
    for (const scheme of ["light", "dark"]) {
      const owner = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme, baseURL: team.url });
      await owner.addInitScript((theme) => localStorage.setItem("arbor-theme", theme), scheme);
      const page = await owner.newPage();
      await page.goto("/");
      await page.waitForURL(/\/sign-in$/);
      if (scheme === "light") {
        await page.getByRole("textbox", { name: "Name" }).fill("Ada Owner");
        await page.getByRole("textbox", { name: "Email" }).fill("ada@team.example");
        await page.getByLabel("Password").fill("correct horse battery");
        await page.getByRole("button", { name: /Create/ }).click();
      } else {
        await page.getByRole("textbox", { name: "Email" }).fill("ada@team.example");
        await page.getByLabel("Password").fill("correct horse battery");
        await page.getByRole("button", { name: /Sign in/ }).click();
      }
      await page.waitForURL(`${team.url}/`);
      const signedOut = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme, baseURL: team.url });
      await signedOut.addInitScript((theme) => localStorage.setItem("arbor-theme", theme), scheme);
      const visitor = await signedOut.newPage();
      await visitor.goto("/sign-in");
      await visitor.getByRole("heading", { name: "Sign in to Arbor" }).waitFor();
      await visitor.screenshot({ path: path.join(out, `sign-in-${scheme}.png`) });
      await signedOut.close();

      const headers = { origin: team.url };
      const made = await page.request.post("/api/trees", { data: { title: "Trip planning for the team", model: "offline-assistant" }, headers });
      const sharedTree = (await made.json()).tree;
      const root = (await (await page.request.post(`/api/trees/${sharedTree.id}/nodes`, { data: { parentId: null, input: "Plan a three-day trip to Lisbon" }, headers })).json()).node;
      await page.request.post(`/api/trees/${sharedTree.id}/nodes`, { data: { parentId: root.id, input: "Make it vegetarian" }, headers });
      await page.goto(`/t/${sharedTree.id}?node=${root.id}`);
      await page.locator('[data-testid="graph-node"]').first().waitFor();
      await page.getByRole("region", { name: "Composer" }).waitFor();
      // Clicked again until the page has hydrated and the dialog opens.
      for (let i = 0; i < 20 && !(await page.getByTestId("share-dialog").isVisible()); i++) {
        await page.getByRole("button", { name: "Share", exact: true }).click();
        await page.waitForTimeout(250);
      }
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(out, `share-${scheme}.png`) });
      await owner.close();
      console.log(`wrote docs/screenshots/sign-in-${scheme}.png, docs/screenshots/share-${scheme}.png`);
    }
  } finally {
    await team.stop();
  }
} finally {
  await browser.close();
  await server.stop();
}
